-- Development seed data: a little more to look at locally.
UPDATE users SET bio = 'Runs the place.' WHERE username = 'admin';
