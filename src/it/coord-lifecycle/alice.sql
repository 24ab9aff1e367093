-- Alice's intended change (seed guide, step 1)
ALTER TABLE users ADD COLUMN bio TEXT;
CREATE TABLE profiles (
    id bigint PRIMARY KEY,
    user_id bigint NOT NULL,
    avatar_url text
);
