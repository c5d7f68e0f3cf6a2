//! Integration tests of the whole pipeline (one test binary, themed modules).

mod cli;
mod pages;
mod sample;
mod util;
