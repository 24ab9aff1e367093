INSERT INTO posts (id, author_id, title, content) VALUES
    (1, 1, 'Welcome Post', 'Welcome to the blog!'),
    (2, 2, 'Getting Started', 'Here is how to get started...');
