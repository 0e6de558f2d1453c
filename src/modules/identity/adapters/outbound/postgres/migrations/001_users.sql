-- identity's accounts. Emails are stored normalised (trimmed, lowercased) by the domain; the constraints below make
-- PostgreSQL the final judge of uniqueness (a violation becomes 409 IDENTITY.EMAIL_TAKEN / IDENTITY.PHONE_TAKEN).
CREATE SCHEMA IF NOT EXISTS "identity";

CREATE TABLE "identity".users (
  user_id        uuid        PRIMARY KEY,
  email          text        NOT NULL,
  phone_number   text,
  first_name     text        NOT NULL,
  last_name      text        NOT NULL,
  -- argon2id PHC string; never selected into responses, events or logs.
  password_hash  text        NOT NULL,
  registered_at  timestamptz NOT NULL,
  CONSTRAINT users_email_key UNIQUE (email),
  CONSTRAINT users_phone_number_key UNIQUE (phone_number),
  CONSTRAINT users_email_normalised CHECK (email = lower(btrim(email)) AND length(email) BETWEEN 3 AND 254),
  CONSTRAINT users_phone_number_format CHECK (phone_number ~ '^\+?[0-9]{6,15}$'),
  CONSTRAINT users_names_present CHECK (length(first_name) BETWEEN 1 AND 400 AND length(last_name) BETWEEN 1 AND 400)
);
