//! Integration tests of the whole pipeline (one test binary, themed modules under `suite/`).

#[path = "suite/chrome.rs"]
mod chrome;
#[path = "suite/cli.rs"]
mod cli;
/// The example generators' page rendering (`examples/common`), so that the tests check exactly
/// the pages the benchmark corpus and the extraction evaluation are made of.
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
