"""Reach ("jangkauan"): page views per post and per KIM, counted without cookies or personal data.

- beacon: the page's beacon address (signed page and site ids) and the endpoint that counts it;
- counting: bots, and where a counted view waits (Redis, else the database);
- flush: moving waiting views into PageViewDay, once, by a task and a timer;
- figures: what the sites and the kinerja report read from PageViewDay.
"""
