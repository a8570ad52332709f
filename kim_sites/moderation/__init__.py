"""The regency moderation workflow: its rules, the queue, notifications and translations."""
