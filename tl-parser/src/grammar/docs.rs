//! Documentation comments (`//@tag text`, `//-more`) turned into [`Docs`] and [`ClassDoc`]s; layer
//! markers and plain comments moved into the schema on the way.

use crate::ast::*;
use crate::lexer::Comment;
use std::borrow::Cow;

/// Walks the side list of comments, turning docs into `Docs` and layer markers into the schema.
pub(crate) struct Comments {
    /// The first comment not taken yet.
    pub(crate) next: usize,
}

impl Comments {
    /// Consumes comments of `list` before byte `offset`; returns the docs of the last doc block.
    #[inline]
    pub(crate) fn take_before<'a>(
        &mut self,
        src: &'a str,
        list: &[Comment],
        offset: u32,
        schema: &mut Schema<'a>,
    ) -> Docs<'a> {
        // Most definitions have no comment before them (API schemas have none at all).
        match list.get(self.next) {
            Some(c) if c.span().start < offset => self.take(src, list, offset, schema),
            _ => Docs::default(),
        }
    }

    fn take<'a>(&mut self, src: &'a str, list: &[Comment], offset: u32, schema: &mut Schema<'a>) -> Docs<'a> {
        let mut docs = Docs::default();
        // The tag that a `//-` line continues: None, the description, or a param index.
        let mut last: Option<Option<usize>> = None;
        while let Some(c) = list.get(self.next) {
            let span = c.span();
            if span.start >= offset {
                break;
            }
            self.next += 1;
            let text = &src[span.start as usize..span.end as usize];
            match *c {
                Comment::Layer(layer, span) => schema.layer_markers.push(LayerMarker { layer, span }),
                Comment::Plain { span, own_line, section } => {
                    schema.comments.push(PlainComment { text, span, own_line, section });
                }
                Comment::DocContinued(_) => {
                    let slot = match last {
                        Some(None) => docs.description.as_mut(),
                        Some(Some(i)) => docs.params.get_mut(i).map(|(_, t)| t),
                        None => None,
                    };
                    if let Some(t) = slot {
                        let more = text.trim();
                        if !more.is_empty() {
                            let joined = t.to_mut();
                            if !joined.is_empty() {
                                joined.push(' ');
                            }
                            joined.push_str(more);
                        }
                    }
                }
                Comment::Doc(_) => {
                    let mut tags = doc_tags(text);
                    if let Some(("class", name)) = tags.first().map(|(t, v)| (*t, *v)) {
                        let description = tags.iter().find(|(t, _)| *t == "description").map_or("", |(_, v)| v);
                        schema.class_docs.push(ClassDoc { name, description: Cow::Borrowed(description), span });
                        last = None;
                        docs = Docs::default();
                        continue;
                    }
                    for (tag, value) in tags.drain(..) {
                        if tag == "description" {
                            docs.description = Some(Cow::Borrowed(value));
                            last = Some(None);
                        } else {
                            docs.params.push((tag, Cow::Borrowed(value)));
                            last = Some(Some(docs.params.len() - 1));
                        }
                    }
                }
            }
        }
        docs
    }
}

/// Splits `@a text @b more` into tags. A tag is `@` at the start or after a space, then a name.
pub(crate) fn doc_tags(text: &str) -> Vec<(&str, &str)> {
    let b = text.as_bytes();
    let mut starts = Vec::new();
    for i in 0..b.len() {
        let at_tag = b[i] == b'@'
            && (i == 0 || b[i - 1] == b' ' || b[i - 1] == b'\t')
            && b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_');
        if at_tag {
            starts.push(i);
        }
    }
    let mut tags = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(b.len());
        let body = &text[s + 1..end];
        let name_len = body.bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'_').count();
        tags.push((&body[..name_len], body[name_len..].trim()));
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::doc_tags;

    #[test]
    fn tags_split_only_at_word_start() {
        assert_eq!(
            doc_tags("@description Mail a@b.c @x_y 67% done @z"),
            [("description", "Mail a@b.c"), ("x_y", "67% done"), ("z", "")]
        );
    }
}
