"""Who may see and do what: roles, policies, and the admin paths that keep each KIM to itself."""
