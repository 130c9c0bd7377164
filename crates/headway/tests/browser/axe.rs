//! The automated accessibility check: axe-core (from npm, pinned by the repository's
//! package-lock.json) run in the page against WCAG 2.1 A and AA and axe's best practices.

use crate::harness::Browser;
use serde_json::Value;
use std::fmt::Write;
use std::time::Duration;

const AXE_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../node_modules/axe-core/axe.min.js"
);

const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
window.axe
  .run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })
  .then(
    (results) => done({
      passes: results.passes.length,
      violations: results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
      })),
    }),
    (error) => done({ error: String(error) }),
  );
"#;

/// Runs axe-core on the page the browser shows and fails, listing every violation with
/// its selector, if there is any.
pub async fn assert_no_violations(browser: &Browser, page: &str) {
    let source = std::fs::read_to_string(AXE_PATH).unwrap_or_else(|e| {
        panic!("could not read {AXE_PATH} ({e}); run `npm ci` at the repository root")
    });
    let client = &browser.client;
    // WebDriver evaluates scripts through DevTools, which the page's Content-Security-Policy
    // (script-src 'self') does not govern, so axe can be injected into our script-free pages.
    client
        .execute(&source, vec![])
        .await
        .expect("could not inject axe-core");
    let loaded = client
        .execute("return typeof window.axe;", vec![])
        .await
        .expect("could not ask for axe");
    assert_eq!(loaded, "object", "axe-core did not load into {page}");

    let mut timeouts = client.get_timeouts().await.expect("the session's timeouts");
    timeouts.set_script(Some(Duration::from_secs(60)));
    client
        .update_timeouts(timeouts)
        .await
        .expect("a longer script timeout");
    let results = client
        .execute_async(RUN_AXE, vec![])
        .await
        .expect("axe.run did not return");
    if let Some(error) = results.get("error") {
        panic!("axe.run failed on {page}: {error}");
    }
    let violations = results["violations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    eprintln!(
        "axe on {page}: {} rules passed, {} violated",
        results["passes"],
        violations.len()
    );
    assert!(
        violations.is_empty(),
        "axe-core found {} accessibility violation(s) on {page}:\n{}",
        violations.len(),
        describe(&violations)
    );
}

/// One paragraph per violation: impact, rule, help and link, then each offending element's
/// selector, markup and axe's advice.
fn describe(violations: &[Value]) -> String {
    let mut out = String::new();
    for v in violations {
        let text = |key: &str| v[key].as_str().unwrap_or("").to_string();
        let _ = writeln!(
            out,
            "\n[{}] {}: {}\n  {}",
            text("impact"),
            text("id"),
            text("help"),
            text("helpUrl")
        );
        for node in v["nodes"].as_array().into_iter().flatten() {
            let _ = writeln!(out, "  at {}", node["target"]);
            let _ = writeln!(out, "     {}", node["html"].as_str().unwrap_or(""));
            for line in node["summary"].as_str().unwrap_or("").lines() {
                let _ = writeln!(out, "     | {line}");
            }
        }
    }
    out
}
