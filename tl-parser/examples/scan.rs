fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap();
        let (text, _) = tlayer_parser::decode_utf8(&bytes);
        let parsed = tlayer_parser::parse(&text, &Default::default());
        let idx = tlayer_parser::LineIndex::new(&text);
        let (mut t, mut f) = (0, 0);
        for d in &parsed.schema.definitions {
            if d.section == tlayer_parser::Section::Types { t += 1 } else { f += 1 }
        }
        for d in &parsed.diagnostics {
            if std::env::var("NOTES").is_ok() || d.severity != tlayer_parser::Severity::Note {
                print!("{}", idx.render(&path, d));
            }
        }
        println!(
            "{path}: {t}+{f} errors={} warnings={} notes={} dialect={:?} layer={:?}",
            parsed.count(tlayer_parser::Severity::Error),
            parsed.count(tlayer_parser::Severity::Warning),
            parsed.count(tlayer_parser::Severity::Note),
            parsed.schema.dialect,
            parsed.schema.layer()
        );
    }
}
