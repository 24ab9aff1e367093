-- Common seed data: users for every non-production environment.
INSERT INTO users (username, email) VALUES
    ('admin', 'admin@example.com'),
    ('editor', 'editor@example.com'),
    ('reader', 'reader@example.com');
