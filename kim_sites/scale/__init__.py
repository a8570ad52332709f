"""What keeps the platform flat at scale: the site index, the page cache, tasks and purges."""
