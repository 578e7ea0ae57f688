//! `ai-act-check`: the classifier on the command line.
//!
//!   ai-act-check assess FILE|-     the assessment JSON for a facts file (as_of defaults to today)
//!   ai-act-check check PATH...     run scenario files or folders; closing line `N passed, M failed`
//!   ai-act-check questions         the question catalogue
//!   ai-act-check language-packs DIR   write the widget's language packs (DIR/<code>[.part].json)
//!   ai-act-check report FILE|- --format md|json [--lang CODE]   the report the widget downloads, for a facts file
//!
//! Exit status: 0 success, 1 a scenario failed, 2 bad input or usage.

// The command line is a native tool; a WebAssembly build of the crate has no use for it.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use ai_act_check::date::Date;
    use ai_act_check::facts::{Facts, Value};
    use ai_act_check::i18n::Lang;
    use ai_act_check::ruleset::fact;
    use ai_act_check::scenario::{check, Scenario};
    use ai_act_check::{assess, questions};
    use std::io::Read;
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    const USAGE: &str = "usage:
      ai-act-check assess FILE|-     print the assessment JSON for a facts file (- reads standard input)
      ai-act-check check PATH...     run scenario files or folders of them
      ai-act-check questions         print the question catalogue
      ai-act-check language-packs DIR   write the widget's language packs (DIR/<code>[.part].json)
  ai-act-check report FILE|- --format md|json [--lang CODE]
                                    the report (Markdown or JSON) for a facts file, in a language";

    pub fn main() -> ExitCode {
        let args: Vec<String> = std::env::args().skip(1).collect();
        let result = match args.first().map(String::as_str) {
            Some("assess") if args.len() == 2 => run_assess(&args[1]),
            Some("check") if args.len() >= 2 => run_check(&args[1..]),
            Some("questions") if args.len() == 1 => {
                println!("{}", pretty(&questions::catalogue_json()));
                Ok(ExitCode::SUCCESS)
            }
            Some("language-packs") if args.len() == 2 => run_language_packs(&args[1]),
            Some("report") if args.len() == 4 && args[2] == "--format" => run_report(&args[1], &args[3], "en"),
            Some("report") if args.len() == 6 && args[2] == "--format" && args[4] == "--lang" => {
                run_report(&args[1], &args[3], &args[5])
            }
            Some("--help" | "-h" | "help") => {
                println!("{USAGE}");
                Ok(ExitCode::SUCCESS)
            }
            _ => Err(USAGE.to_string()),
        };
        match result {
            Ok(code) => code,
            Err(message) => {
                eprintln!("error: {message}");
                ExitCode::from(2)
            }
        }
    }

    fn pretty(json: &serde_json::Value) -> String {
        serde_json::to_string_pretty(json).expect("JSON values always print")
    }

    fn today() -> Date {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Date::from_unix_days((secs / 86_400) as i64).expect("the clock is within the calendar")
    }

    fn read_facts(path: &str) -> Result<Facts, String> {
        let text = if path == "-" {
            let mut s = String::new();
            std::io::stdin().read_to_string(&mut s).map_err(|e| format!("reading standard input: {e}"))?;
            s
        } else {
            std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?
        };
        let mut facts = Facts::from_json_str(&text).map_err(|e| format!("{path}: {e}"))?;
        if facts.get(fact::AS_OF).is_none() {
            facts.set(fact::AS_OF, Some(Value::Date(today())));
        }
        Ok(facts)
    }

    fn run_assess(path: &str) -> Result<ExitCode, String> {
        let facts = read_facts(path)?;
        println!("{}", assess(&facts).to_json_pretty());
        Ok(ExitCode::SUCCESS)
    }

    /// The same report the widget offers for download, from the same code.
    fn run_report(path: &str, format: &str, lang: &str) -> Result<ExitCode, String> {
        let lang = Lang::from_code(lang).ok_or_else(|| format!("--lang: no language {lang}"))?;
        let facts = read_facts(path)?;
        let mut host = Facts::default();
        host.set(fact::AS_OF, facts.get(fact::AS_OF));
        let (kept, order) = ai_act_check::questions::replay_with_order(&facts, &host);
        let assessment = assess(&kept);
        match format {
            "md" => print!("{}", ai_act_check::report::markdown(&assessment, &order, lang, today())),
            "json" => println!("{}", ai_act_check::report::json(&assessment)),
            other => return Err(format!("--format is md or json, not {other}")),
        }
        Ok(ExitCode::SUCCESS)
    }

    fn scenario_files(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| format!("{}: {e}", path.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            entries.sort();
            for entry in entries {
                if entry.is_dir() || entry.extension().is_some_and(|x| x == "json") {
                    scenario_files(&entry, out)?;
                }
            }
            Ok(())
        } else if path.is_file() {
            out.push(path.to_path_buf());
            Ok(())
        } else {
            Err(format!("{}: no such file or folder", path.display()))
        }
    }

    fn run_check(paths: &[String]) -> Result<ExitCode, String> {
        let mut files = Vec::new();
        for p in paths {
            scenario_files(Path::new(p), &mut files)?;
        }
        let (mut passed, mut failed) = (0, 0);
        for file in &files {
            let outcome = std::fs::read_to_string(file)
                .map_err(|e| e.to_string())
                .and_then(|text| Scenario::parse(&text))
                .map(|s| (check(&s).failures, s.id));
            match outcome {
                Ok((failures, id)) if failures.is_empty() => {
                    passed += 1;
                    println!("ok    {id}");
                }
                Ok((failures, id)) => {
                    failed += 1;
                    println!("FAIL  {id}");
                    for f in failures {
                        println!("        {f}");
                    }
                }
                Err(e) => {
                    failed += 1;
                    println!("FAIL  {}\n        {e}", file.display());
                }
            }
        }
        println!("{passed} passed, {failed} failed");
        Ok(if failed == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
    }

    /// The language packs the widget loads on demand from its own origin: each language's
    /// parts (src/text_part.rs), English's core excepted, which is built in.
    fn run_language_packs(dir: &str) -> Result<ExitCode, String> {
        use ai_act_check::i18n::Part;
        std::fs::create_dir_all(dir).map_err(|e| format!("{dir}: {e}"))?;
        for lang in Lang::all() {
            for part in Part::ALL.into_iter().filter(|&p| lang != Lang::ENGLISH || p != Part::Core) {
                let path = Path::new(dir).join(part.file_name(lang.code()));
                let json = ai_act_check::i18n::pack_json(lang, part)
                    .ok_or_else(|| format!("no {} texts for {}", part.id(), lang.code()))?;
                std::fs::write(&path, json).map_err(|e| format!("{}: {e}", path.display()))?;
                println!("{}", path.display());
            }
        }
        Ok(ExitCode::SUCCESS)
    }
}
