INSERT INTO users (id, username, email) VALUES (99, 'tester', 'tester@example.com');
