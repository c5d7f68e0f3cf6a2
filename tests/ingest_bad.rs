//! Bad inputs (`tests/data/bad/` plus files only a running test can make): every bad file gets
//! exactly one diagnostic naming it with the right kind, good files still become pages, nothing
//! panics, and a 50 MB line is handled in reasonable time.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use polyalign::diag::Severity;
use polyalign::ingest;

fn bad_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad")
}

/// Copies the committed fixtures (not the README) into a fresh temp dir.
fn temp_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(bad_dir()).unwrap() {
        let e = e.unwrap();
        let name = e.file_name();
        if name != "README.md" {
            std::fs::copy(e.path(), tmp.path().join(&name)).unwrap();
        }
    }
    tmp
}

#[test]
fn bad_inputs_each_get_one_diagnostic() {
    let tmp = temp_copy();
    let root = tmp.path();

    // Files git cannot store, made here.
    let huge = root.join("huge-line.txt");
    {
        let unit =
            b"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor. ";
        let mut data = Vec::with_capacity(50 * 1024 * 1024);
        while data.len() + unit.len() <= 50 * 1024 * 1024 {
            data.extend_from_slice(unit);
        }
        std::fs::write(&huge, &data).unwrap();
    }
    let unreadable = root.join("unreadable.txt");
    std::fs::write(
        &unreadable,
        "16 October 2019\n\nSome title\n\nA body paragraph.\n",
    )
    .unwrap();
    #[cfg(not(unix))]
    let can_test_perms = false;
    #[cfg(unix)]
    let can_test_perms = {
        use std::os::unix::fs::{symlink, PermissionsExt};
        std::fs::set_permissions(&unreadable, std::fs::Permissions::from_mode(0o000)).unwrap();
        // As root (or with CAP_DAC_OVERRIDE) permissions are bypassed: the file stays readable.
        let can = std::fs::read(&unreadable).is_err();
        if !can {
            eprintln!("note: running with permission override (root?); skipping the unreadable-file check");
        }
        symlink("loop-b", root.join("loop-a")).unwrap();
        symlink("loop-a", root.join("loop-b")).unwrap();
        symlink("no-such-file.txt", root.join("dangling.txt")).unwrap();
        std::fs::create_dir(root.join("sub")).unwrap();
        std::fs::write(
            root.join("sub/inner.txt"),
            "3 March 2021\n\nInner title\n\nInner body.\n",
        )
        .unwrap();
        symlink("..", root.join("sub/up")).unwrap();
        can
    };

    let t = Instant::now();
    let out = ingest::ingest(&[root.to_path_buf()]);
    let took = t.elapsed();
    assert!(took < Duration::from_secs(60), "ingest took {took:?}");

    let disp = |name: &str| ingest::display_path(&root.join(name));
    let diags_for = |name: &str| -> Vec<(Severity, String)> {
        let f = disp(name);
        out.diagnostics
            .items
            .iter()
            .filter(|d| d.file == f)
            .map(|d| (d.severity, d.kind.clone()))
            .collect()
    };
    let page = |name: &str| out.pages.iter().find(|p| p.path == disp(name));

    let mut expect_one = vec![
        ("empty.txt", Severity::Error, "empty"),
        ("blank.txt", Severity::Error, "empty"),
        ("binary.html", Severity::Error, "binary"),
        ("nul-bytes.txt", Severity::Warning, "control-chars"),
        ("no-signature.bin", Severity::Error, "binary"),
        ("truncated-utf8.txt", Severity::Warning, "invalid-bytes"),
        ("cp1251-page.txt", Severity::Note, "encoding"),
    ];
    #[cfg(unix)]
    {
        expect_one.push(("loop-a", Severity::Error, "broken-link"));
        expect_one.push(("loop-b", Severity::Error, "broken-link"));
        expect_one.push(("dangling.txt", Severity::Error, "broken-link"));
        expect_one.push(("sub/up", Severity::Warning, "symlink-loop"));
        if can_test_perms {
            expect_one.push(("unreadable.txt", Severity::Error, "unreadable"));
        }
    }
    for (name, sev, kind) in &expect_one {
        assert_eq!(
            diags_for(name),
            vec![(*sev, kind.to_string())],
            "{name}: {:#?}",
            out.diagnostics.items
        );
    }
    // The messages are one line and say what happened.
    for d in &out.diagnostics.items {
        assert!(!d.message.contains('\n') && !d.message.is_empty(), "{d}");
    }
    let loop_msg = out
        .diagnostics
        .items
        .iter()
        .find(|d| d.file == disp("loop-a"))
        .unwrap();
    assert!(loop_msg.message.contains("loop"), "{loop_msg}");
    let bin = out
        .diagnostics
        .items
        .iter()
        .find(|d| d.file == disp("binary.html"))
        .unwrap();
    assert!(bin.message.contains("PNG"), "{bin}");

    // Skipped files give no page; the others do, and nothing else is reported about them.
    for name in [
        "empty.txt",
        "blank.txt",
        "binary.html",
        "no-signature.bin",
        "loop-a",
        "loop-b",
        "dangling.txt",
    ] {
        assert!(page(name).is_none(), "{name}");
    }
    let good = [
        "nul-bytes.txt",
        "truncated-utf8.txt",
        "cp1251-page.txt",
        "no-statement.txt",
        "unknown-markers.txt",
        "dup-a.txt",
        "dup-b.txt",
        "huge-line.txt",
        "sub/inner.txt",
    ];
    for name in good {
        assert!(
            page(name).is_some(),
            "{name}: no page; {:#?}",
            out.diagnostics.items
        );
    }
    for name in [
        "no-statement.txt",
        "unknown-markers.txt",
        "dup-a.txt",
        "dup-b.txt",
        "huge-line.txt",
        "sub/inner.txt",
    ] {
        assert!(diags_for(name).is_empty(), "{name}: {:?}", diags_for(name));
    }
    // The folder reached again through `sub/up` is read once: one page per file.
    let mut paths: Vec<&str> = out.pages.iter().map(|p| p.path.as_str()).collect();
    let n = paths.len();
    paths.dedup();
    assert_eq!(paths.len(), n);
    assert_eq!(
        out.pages
            .iter()
            .filter(|p| p.path.ends_with("inner.txt"))
            .count(),
        1
    );

    // The stray NULs are gone, the text around them is kept.
    let nul = page("nul-bytes.txt").unwrap();
    assert_eq!(
        nul.blocks[2].text,
        "Then a body with NUL bytes from a bad export."
    );
    let tr = page("truncated-utf8.txt").unwrap();
    assert_eq!((tr.encoding.as_str(), tr.replaced), ("UTF-8", 1));
    assert!(tr.blocks.last().unwrap().text.ends_with('\u{FFFD}'));
    let cp = page("cp1251-page.txt").unwrap();
    assert_eq!(cp.encoding, "windows-1251");
    assert!(cp.blocks[1]
        .text
        .starts_with("Комментарий официального представителя"));
    let huge_page = page("huge-line.txt").unwrap();
    assert_eq!(huge_page.blocks.len(), 1);
    assert!(huge_page.blocks[0].text.len() > 50_000_000);
    let a = page("dup-a.txt").unwrap();
    let b = page("dup-b.txt").unwrap();
    assert_eq!(a.blocks, b.blocks);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Let the temp dir be removed.
        std::fs::set_permissions(&unreadable, std::fs::Permissions::from_mode(0o644)).unwrap();
    }
    assert!(out.diagnostics.has_errors());
}

#[test]
fn committed_fixtures_are_what_the_readme_says() {
    let dir = bad_dir();
    assert_eq!(std::fs::metadata(dir.join("empty.txt")).unwrap().len(), 0);
    assert!(std::fs::read(dir.join("blank.txt"))
        .unwrap()
        .iter()
        .all(u8::is_ascii_whitespace));
    assert!(std::fs::read(dir.join("binary.html"))
        .unwrap()
        .starts_with(b"\x89PNG"));
    assert!(std::fs::read(dir.join("nul-bytes.txt"))
        .unwrap()
        .contains(&0));
    let tr = std::fs::read(dir.join("truncated-utf8.txt")).unwrap();
    assert!(std::str::from_utf8(&tr).is_err());
    assert!(
        std::str::from_utf8(&tr[..tr.len() - 1]).is_ok(),
        "cut inside the last 2-byte sequence"
    );
    assert_eq!(
        std::fs::read(dir.join("dup-a.txt")).unwrap(),
        std::fs::read(dir.join("dup-b.txt")).unwrap()
    );
    assert!(std::str::from_utf8(&std::fs::read(dir.join("cp1251-page.txt")).unwrap()).is_err());
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        assert!(
            readme.contains(&format!("`{name}`")) || name == "README.md",
            "{name} not in README"
        );
    }
}
