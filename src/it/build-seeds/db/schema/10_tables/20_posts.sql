CREATE TABLE posts (
    id SERIAL PRIMARY KEY,
    author_id INT NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    content TEXT
);
