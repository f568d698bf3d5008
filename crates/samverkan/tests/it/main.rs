//! The integration suite: the real server on port 0 with its own database, spoken to over HTTP.
//!
//! The backend follows `SAMVERKAN_TEST_DB`: unset or `sqlite` runs on a temporary SQLite file; a
//! `postgres://` URL names a server where each test creates (and afterwards drops) its own database.
//! `scripts/test` runs the whole suite once per backend.

mod api;
mod atlas;
mod auth;
mod cache;
mod cli;
mod dataset;
mod events;
mod followup;
mod frame;
mod hardening;
mod health;
mod helpers;
mod mail;
mod matchmaking;
mod matrix;
mod ops;
mod pages;
mod permits;
mod planning;
mod plans;
mod posts;
mod search;
mod self_service;
mod strategy;
mod way_in;
