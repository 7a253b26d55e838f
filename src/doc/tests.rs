use super::*;

#[test]
fn rank_and_index_are_positions_in_all() {
    for (i, l) in Layer::ALL.iter().enumerate() {
        assert_eq!(l.rank(), i);
    }
    for (i, l) in Label::ALL.iter().enumerate() {
        assert_eq!(l.index(), i);
    }
}

#[test]
fn a_token_keeps_every_offset_of_an_allowed_input_and_every_label() {
    // At least the library's input limit (checked in lib.rs).
    let max = TOKEN_END_MAX;
    for (i, &kind) in Label::ALL.iter().enumerate() {
        for (start, end) in [(0, 0), (i, max), (max - 1, max), (12_345, 1 << 24)] {
            let t = Token::new(start, end, kind);
            assert_eq!((t.start(), t.end(), t.kind()), (start, end, kind));
        }
    }
    let mut t = Token::new(3, 4, Label::Punct);
    t.extend_to(Token::new(4, max, Label::Word));
    assert_eq!((t.start(), t.end(), t.kind()), (3, max, Label::Punct));
    // Past what a token holds: clamped, not wrapped into the kind.
    let far = Token::new(0, usize::MAX, Label::Hashtag);
    assert_eq!(far.kind(), Label::Hashtag);
    assert!(far.end() >= max);
}

#[test]
fn ids_around_the_unstored_tokens() {
    let mut sink = SpanSink::new();
    let p = sink.push(Layer::Paragraph, Label::Paragraph, 0, 9, Attrs::new());
    assert_eq!(sink.push_tokens(3), 1);
    let e = sink.push(Layer::Entity, Label::Person, 4, 9, Attrs::new());
    assert_eq!((p, e), (0, 4));
    assert_eq!(sink.get(4).map(|s| s.label), Some(Label::Person));
    assert!(sink.get(1).is_none() && sink.get(3).is_none() && sink.get(5).is_none());
    use Token;
    let tokens = [
        Token::new(0, 3, Label::Word),
        Token::new(4, 9, Label::Word),
        Token::new(9, 10, Label::Punct),
    ];
    let spans = sink.finish(|_| true, &tokens);
    let order: Vec<SpanId> = spans.iter().map(|s| s.id).collect();
    assert_eq!(order, [0, 1, 4, 2, 3]);
}
