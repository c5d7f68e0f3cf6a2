//! Integration tests of the whole pipeline (one test binary, themed modules under `suite/`).

#[path = "suite/archive.rs"]
mod archive;
#[path = "suite/cli.rs"]
mod cli;
/// The examples' generators (the archive page sets).
#[path = "../examples/common/mod.rs"]
mod common;
#[path = "suite/docs.rs"]
mod docs;
#[path = "suite/html.rs"]
mod html;
#[path = "suite/pages.rs"]
mod pages;
#[path = "suite/sample.rs"]
mod sample;
#[path = "suite/util.rs"]
mod util;
