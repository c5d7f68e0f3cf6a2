//! polyalign: turns scraped multilingual statement pages into aligned parallel corpora.
//!
//! The pipeline is one module per stage, each taking the previous stage's types (see
//! [`model`]): [`ingest`] reads and normalises files into pages, [`statement`] extracts
//! statements, [`langid`] identifies languages, [`group`] groups language versions and removes
//! duplicates, [`align`] aligns versions paragraph by paragraph and sentence by sentence,
//! [`audit`] reports gaps, and [`export`] writes corpora and translation memories.

pub mod align;
pub mod anchors;
pub mod audit;
pub mod cache;
pub mod cli;
pub mod date;
pub mod diag;
pub mod export;
pub mod group;
pub mod ingest;
pub mod langid;
pub mod markers;
pub mod model;
pub mod pipeline;
pub mod segment;
pub mod statement;
pub mod text;
