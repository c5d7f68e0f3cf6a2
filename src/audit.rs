//! Gap audit.
