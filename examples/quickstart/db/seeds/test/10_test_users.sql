-- Test seed data: a user the tests can log in as.
INSERT INTO users (username, email) VALUES ('tester', 'tester@example.com');
