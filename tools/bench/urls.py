"""The project's URLs plus /_bench/ping, the trivial view the benchmark measures throughput against."""

from django.http import HttpResponse
from django.urls import path

from kimcms.urls import urlpatterns as project_urlpatterns


def ping(request):
    return HttpResponse(b"pong", content_type="text/plain")


urlpatterns = [path("_bench/ping", ping), *project_urlpatterns]
