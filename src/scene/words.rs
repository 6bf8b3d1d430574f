//! Highlighting for the languages bat's grammars lack under syntect's pure-Rust regex engine
//! (PowerShell, Gherkin): a small line lexer that names highlight.js's classes (keyword,
//! string, comment, variable, built_in, meta, number) for the style to colour.

/// A language the lexer knows: its keywords and how it writes comments and variables.
struct Lexicon {
    /// Words that are `keyword`, compared without case.
    keywords: &'static [&'static str],
    /// Whether `#` starts a comment to the end of the line.
    hash_comment: bool,
    /// Whether `$name` is a `variable` and `Verb-Noun` a `built_in` (PowerShell).
    sigils: bool,
    /// Whether `@tag` is `meta` and `<name>` a `variable` (Gherkin).
    tags: bool,
}

/// One line's runs, each with its highlight.js class (`None`: plain text).
pub(super) type Runs = Vec<(Option<&'static str>, String)>;

const POWERSHELL: Lexicon = Lexicon {
    keywords: &[
        "begin",
        "break",
        "catch",
        "class",
        "continue",
        "data",
        "do",
        "dynamicparam",
        "else",
        "elseif",
        "end",
        "exit",
        "filter",
        "finally",
        "for",
        "foreach",
        "from",
        "function",
        "if",
        "in",
        "param",
        "process",
        "return",
        "switch",
        "throw",
        "trap",
        "try",
        "until",
        "using",
        "var",
        "while",
        "workflow",
    ],
    hash_comment: true,
    sigils: true,
    tags: false,
};

const GHERKIN: Lexicon = Lexicon {
    keywords: &[
        "feature",
        "background",
        "scenario",
        "outline",
        "examples",
        "rule",
        "given",
        "when",
        "then",
        "and",
        "but",
        "template",
        "scenarios",
    ],
    hash_comment: true,
    sigils: false,
    tags: true,
};

fn lexicon(language: &str) -> Option<&'static Lexicon> {
    match language.trim().to_ascii_lowercase().as_str() {
        "powershell" | "pwsh" | "ps" | "ps1" | "psm1" => Some(&POWERSHELL),
        "gherkin" | "feature" | "cucumber" => Some(&GHERKIN),
        _ => None,
    }
}

/// Whether the lexer colours `language`.
#[cfg(test)]
pub(super) fn knows(language: &str) -> bool {
    lexicon(language).is_some()
}

/// Runs of each line of `code` with the highlight.js class they have (`None`: plain), or
/// `None` when the lexer does not know `language`. Block comments (`<# ... #>`) carry over
/// lines.
pub(super) fn classify(code: &str, language: &str) -> Option<Vec<Runs>> {
    let lex = lexicon(language)?;
    let mut in_block = false;
    Some(
        code.lines()
            .map(|line| classify_line(line, lex, &mut in_block))
            .collect(),
    )
}

fn classify_line(line: &str, lex: &Lexicon, in_block: &mut bool) -> Runs {
    let chars: Vec<char> = line.chars().collect();
    let mut out: Runs = Vec::new();
    let mut push = |class: Option<&'static str>, text: String| {
        if text.is_empty() {
            return;
        }
        match out.last_mut() {
            Some((c, t)) if *c == class => t.push_str(&text),
            _ => out.push((class, text)),
        }
    };
    let take = |from: usize, to: usize| chars[from..to.min(chars.len())].iter().collect::<String>();
    let mut i = 0;
    while i < chars.len() {
        if *in_block {
            let end = (i..chars.len().saturating_sub(1))
                .find(|&j| chars[j] == '#' && chars[j + 1] == '>')
                .map(|j| j + 2);
            let stop = end.unwrap_or(chars.len());
            push(Some("comment"), take(i, stop));
            *in_block = end.is_none();
            i = stop;
            continue;
        }
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if lex.sigils && c == '<' && next == Some('#') {
            *in_block = true;
            continue;
        }
        if lex.hash_comment && c == '#' {
            push(Some("comment"), take(i, chars.len()));
            break;
        }
        if c == '"' || c == '\'' {
            let end = (i + 1..chars.len())
                .find(|&j| chars[j] == c && chars[j - 1] != '`')
                .map_or(chars.len(), |j| j + 1);
            push(Some("string"), take(i, end));
            i = end;
            continue;
        }
        let word_end = |from: usize, dash: bool| {
            (from..chars.len())
                .find(|&j| {
                    !(chars[j].is_alphanumeric() || chars[j] == '_' || (dash && chars[j] == '-'))
                })
                .unwrap_or(chars.len())
        };
        if lex.sigils
            && c == '$'
            && next.is_some_and(|n| n.is_alphanumeric() || n == '_' || n == '{')
        {
            let end = word_end(i + 1, false).max(i + 2);
            push(Some("variable"), take(i, end));
            i = end;
            continue;
        }
        if lex.tags && c == '@' {
            let end = word_end(i + 1, true);
            push(Some("meta"), take(i, end));
            i = end;
            continue;
        }
        if lex.tags
            && c == '<'
            && let Some(close) = (i + 1..chars.len()).find(|&j| chars[j] == '>')
        {
            push(Some("variable"), take(i, close + 1));
            i = close + 1;
            continue;
        }
        if c.is_ascii_digit() && (i == 0 || !chars[i - 1].is_alphanumeric()) {
            let end = (i..chars.len())
                .find(|&j| !(chars[j].is_ascii_alphanumeric() || chars[j] == '.'))
                .unwrap_or(chars.len());
            push(Some("number"), take(i, end));
            i = end;
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let end = word_end(i, lex.sigils);
            let word = take(i, end);
            let lower = word.to_lowercase();
            let class = if lex.keywords.contains(&lower.as_str()) {
                Some("keyword")
            } else if lex.sigils
                && word.contains('-')
                && word.chars().next().is_some_and(char::is_uppercase)
            {
                // Verb-Noun: a cmdlet, as highlight.js's built_in.
                Some("built_in")
            } else {
                None
            };
            push(class, word);
            i = end;
            continue;
        }
        push(None, c.to_string());
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class_of<'a>(
        lines: &'a [Vec<(Option<&'static str>, String)>],
        text: &str,
    ) -> Option<&'a str> {
        lines
            .iter()
            .flatten()
            .find(|(_, t)| t.trim() == text)
            .and_then(|(c, _)| *c)
    }

    #[test]
    fn powershell_names_its_tokens() {
        let lines = classify(
            "function Get-X { param($Name) Write-Host \"hi $Name\" 42 } # done\n<# a\nb #> $y",
            "ps1",
        )
        .expect("known");
        assert_eq!(class_of(&lines, "function"), Some("keyword"));
        assert_eq!(class_of(&lines, "Write-Host"), Some("built_in"));
        assert_eq!(class_of(&lines, "$Name"), Some("variable"));
        assert_eq!(class_of(&lines, "\"hi $Name\""), Some("string"));
        assert_eq!(class_of(&lines, "42"), Some("number"));
        assert_eq!(class_of(&lines, "# done"), Some("comment"));
        assert_eq!(class_of(&lines, "<# a"), Some("comment"));
        assert_eq!(class_of(&lines, "b #>"), Some("comment"));
        assert_eq!(class_of(&lines, "$y"), Some("variable"));
        let text: String = lines[0].iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            text,
            "function Get-X { param($Name) Write-Host \"hi $Name\" 42 } # done"
        );
    }

    #[test]
    fn gherkin_names_its_tokens() {
        let lines = classify(
            "@smoke\nFeature: Login\n  Scenario: ok\n    Given a user \"bob\" with <role>",
            "gherkin",
        )
        .expect("known");
        assert_eq!(class_of(&lines, "@smoke"), Some("meta"));
        assert_eq!(class_of(&lines, "Feature"), Some("keyword"));
        assert_eq!(class_of(&lines, "Given"), Some("keyword"));
        assert_eq!(class_of(&lines, "\"bob\""), Some("string"));
        assert_eq!(class_of(&lines, "<role>"), Some("variable"));
        assert_eq!(class_of(&lines, "Login"), None);
        assert!(classify("x", "cobol").is_none());
    }

    #[test]
    fn odd_input_never_panics_and_keeps_every_character() {
        for code in [
            "\"", "<#", "$", "@", "<", "`\"", "é$é", "#>", "9.9.9x", "$ {",
        ] {
            let lines = classify(code, "ps1").expect("known");
            let text: String = lines.iter().flatten().map(|(_, t)| t.as_str()).collect();
            assert_eq!(text, code);
            let lines = classify(code, "gherkin").expect("known");
            let text: String = lines.iter().flatten().map(|(_, t)| t.as_str()).collect();
            assert_eq!(text, code);
        }
    }
}
