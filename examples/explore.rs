use ai_act_check::{assess, i18n::Lang, map, trainer};
fn main() {
    let m = map::build(map::Source::ruleset());
    for s in map::MapStage::ALL {
        println!("{:?}: {}", s, m.nodes.iter().filter(|n| n.stage == s).count());
    }
    println!("edges {}", m.edges.len());
    let en = Lang::ENGLISH;
    let l = map::layout(
        &m,
        |n| n.label(en, &ai_act_check::ruleset::RULES, &ai_act_check::ruleset::FACTS),
        |s| en.t(s.title_key()).to_string(),
    );
    println!("size {} x {}", l.width, l.height);
    println!("marks {:?}", trainer::timeline_marks().iter().map(|d| d.to_string()).collect::<Vec<_>>());
    for p in ai_act_check::ruleset::PRESETS.iter() {
        let f = trainer::preset_facts(p);
        let a = assess(&f);
        let order = map::answered(&f);
        let st = map::states(&m, &order, None, &a);
        let active = m.edges.iter().filter(|(x, y)| st[*x].on_path() && st[*y].on_path()).count();
        println!("{} active edges {} reached nodes {}", p.id, active, st.iter().filter(|s| s.on_path()).count());
    }
    let p = trainer::preset("extraterritorial_recruiting").unwrap();
    let f = trainer::preset_facts(p);
    for day in ["2026-01-01", "2027-01-01", "2029-01-01"] {
        let d = ai_act_check::date::Date::parse(day).unwrap();
        let a = assess(&trainer::on_day(&f, d));
        let (yes, no) = trainer::in_force(&a, d);
        println!(
            "{day}: cats {:?} in force {:?} not yet {:?}",
            a.categories,
            yes.iter().map(|o| (o.article(), o.applies_from.map(|x| x.to_string()))).collect::<Vec<_>>(),
            no.iter().map(|o| (o.article(), o.applies_from.map(|x| x.to_string()))).collect::<Vec<_>>()
        );
    }
}
#[allow(dead_code)]
fn unused() {}
