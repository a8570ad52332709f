"""Writing from a phone: the short post form, photos scaled down on every path, no ghost drafts."""
