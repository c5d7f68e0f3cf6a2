//! Integration tests of the whole pipeline (one test binary, themed modules under `suite/`).

#[path = "suite/archive.rs"]
mod archive;
#[path = "suite/chrome.rs"]
mod chrome;
#[path = "suite/cli.rs"]
mod cli;
/// The example generators (`examples/common`): the page rendering of the benchmark corpus and
/// the extraction evaluation, and the archive page sets, so that the tests check exactly the
/// pages those are made of.
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
