-- The seed guide's users table.
CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL UNIQUE,
    bio TEXT,
    created_at TIMESTAMP DEFAULT NOW()
);
