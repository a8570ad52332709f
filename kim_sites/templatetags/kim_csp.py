"""`{% inline_style %}…{% end_inline_style %}`: an inline `<style>` element the CSP allows by its hash."""

from django import template
from django.utils.html import format_html

from kim_sites.access.security_headers import allow_inline_style, allow_static_inline_style

register = template.Library()


class InlineStyleNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist
        # Without variables the text is known now: allowed on every response, rendered with a
        # request or not (the suspended notice is rendered without one).
        if all(isinstance(node, template.base.TextNode) for node in nodelist):
            allow_static_inline_style(nodelist.render(template.Context()))

    def render(self, context):
        css = self.nodelist.render(context)
        allow_inline_style(context.get("request"), css)
        return format_html("<style>{}</style>", css)


@register.tag
def inline_style(parser, token):
    nodelist = parser.parse(("end_inline_style",))
    parser.delete_first_token()
    return InlineStyleNode(nodelist)
