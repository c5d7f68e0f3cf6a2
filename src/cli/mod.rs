//! Command-line glue: argument parsing and one file per subcommand.

pub mod convert;
pub mod pair;
pub mod score;
