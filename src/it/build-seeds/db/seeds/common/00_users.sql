INSERT INTO users (id, username, email) VALUES
    (1, 'admin', 'admin@example.com'),
    (2, 'editor', 'editor@example.com'),
    (3, 'reader', 'reader@example.com');
