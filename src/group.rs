//! Grouping of language versions.
