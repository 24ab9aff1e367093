-- pg_dump 15 --schema-only --no-owner of a database that holds Confiture's tracking table and coordination store
-- (the \restrict lines pg_dump 15.18 writes are removed) and one left-over scratch type of an enum rebuild
--
-- PostgreSQL database dump
--


-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: confiture_coordination; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA confiture_coordination;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: history; Type: TABLE; Schema: confiture_coordination; Owner: -
--

CREATE TABLE confiture_coordination.history (
    history_id bigint NOT NULL,
    intent_id text NOT NULL,
    to_status text NOT NULL
);


--
-- Name: history_history_id_seq; Type: SEQUENCE; Schema: confiture_coordination; Owner: -
--

CREATE SEQUENCE confiture_coordination.history_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: history_history_id_seq; Type: SEQUENCE OWNED BY; Schema: confiture_coordination; Owner: -
--

ALTER SEQUENCE confiture_coordination.history_history_id_seq OWNED BY confiture_coordination.history.history_id;


--
-- Name: intents; Type: TABLE; Schema: confiture_coordination; Owner: -
--

CREATE TABLE confiture_coordination.intents (
    intent_id text NOT NULL,
    agent_id text NOT NULL,
    status text NOT NULL,
    registered_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    CONSTRAINT intents_intent_id_check CHECK ((intent_id ~ '^int_[0-9a-f]{12}$'::text))
);


--
-- Name: TABLE intents; Type: COMMENT; Schema: confiture_coordination; Owner: -
--

COMMENT ON TABLE confiture_coordination.intents IS 'coordination intents';


--
-- Name: schema_version; Type: TABLE; Schema: confiture_coordination; Owner: -
--

CREATE TABLE confiture_coordination.schema_version (
    version integer NOT NULL,
    description text NOT NULL,
    applied_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);


--
-- Name: confiture_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.confiture_migrations (
    version text NOT NULL,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL,
    execution_time_ms bigint DEFAULT 0 NOT NULL,
    applied_by text DEFAULT CURRENT_USER NOT NULL,
    kind text NOT NULL,
    CONSTRAINT confiture_migrations_kind_check CHECK ((kind = ANY (ARRAY['sql'::text, 'java'::text, 'baseline'::text])))
);


--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id bigint NOT NULL,
    email text NOT NULL
);


--
-- Name: users_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.users_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: users_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.users_id_seq OWNED BY public.users.id;


--
-- Name: history history_id; Type: DEFAULT; Schema: confiture_coordination; Owner: -
--

ALTER TABLE ONLY confiture_coordination.history ALTER COLUMN history_id SET DEFAULT nextval('confiture_coordination.history_history_id_seq'::regclass);


--
-- Name: users id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users ALTER COLUMN id SET DEFAULT nextval('public.users_id_seq'::regclass);


--
-- Name: history history_pkey; Type: CONSTRAINT; Schema: confiture_coordination; Owner: -
--

ALTER TABLE ONLY confiture_coordination.history
    ADD CONSTRAINT history_pkey PRIMARY KEY (history_id);


--
-- Name: intents intents_pkey; Type: CONSTRAINT; Schema: confiture_coordination; Owner: -
--

ALTER TABLE ONLY confiture_coordination.intents
    ADD CONSTRAINT intents_pkey PRIMARY KEY (intent_id);


--
-- Name: schema_version schema_version_pkey; Type: CONSTRAINT; Schema: confiture_coordination; Owner: -
--

ALTER TABLE ONLY confiture_coordination.schema_version
    ADD CONSTRAINT schema_version_pkey PRIMARY KEY (version);


--
-- Name: confiture_migrations confiture_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.confiture_migrations
    ADD CONSTRAINT confiture_migrations_pkey PRIMARY KEY (version);


--
-- Name: users users_email_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_email_key UNIQUE (email);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: intents_agent_idx; Type: INDEX; Schema: confiture_coordination; Owner: -
--

CREATE INDEX intents_agent_idx ON confiture_coordination.intents USING btree (agent_id);


--
-- Name: history history_intent_id_fkey; Type: FK CONSTRAINT; Schema: confiture_coordination; Owner: -
--

ALTER TABLE ONLY confiture_coordination.history
    ADD CONSTRAINT history_intent_id_fkey FOREIGN KEY (intent_id) REFERENCES confiture_coordination.intents(intent_id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--


CREATE TYPE public.mood__confiture_old AS ENUM ('sad', 'happy');
