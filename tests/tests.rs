//! Integration tests of the whole pipeline (one test binary, themed modules).

mod pages;
mod sample;
mod util;
