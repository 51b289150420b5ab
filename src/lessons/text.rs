//! A lesson's text laid out for a terminal: paragraphs wrapped by display width (so
//! Chinese, two columns a character, wraps as well as English), code lines kept as written.
//!
//! ```
//! let text = corosim::lessons::text::wrap("one two three\n\n    code stays", 8, "");
//! assert_eq!(text, "one two\nthree\n\n    code stays");
//! ```

/// Wraps `text` at `width`, keeping blank lines and indented (code) lines as they are.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = Vec::new();
    for paragraph in text.trim().split("\n\n") {
        let mut lines = Vec::new();
        let mut current = String::new();
        for raw in paragraph.lines() {
            if raw.starts_with("    ") || raw.starts_with('\t') {
                if !current.is_empty() {
                    lines.extend(crate::i18n::wrap_paragraph(&std::mem::take(&mut current), width));
                }
                lines.push(raw.to_string());
                continue;
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(raw.trim());
        }
        if !current.is_empty() {
            lines.extend(crate::i18n::wrap_paragraph(&current, width));
        }
        out.push(lines.iter().map(|l| format!("{indent}{l}")).collect::<Vec<_>>().join("\n"));
    }
    out.join("\n\n")
}
