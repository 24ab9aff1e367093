-- Bob's change, with a typo on line 3: the check must not answer "no conflicts"
ALTER TABLE orders ADD COLUMN note text;
ALTR TABLE users ADD COLUMN bio text;
