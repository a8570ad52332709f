"""The public KIM sites and the portal: chrome, listings, scope, feeds, sitemaps, iCal, aspirasi."""
