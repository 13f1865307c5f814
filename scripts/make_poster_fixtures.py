"""Write the poster test praatplaten under tests/fixtures/poster-*/ (English, made up):

- poster-nine: 9 themes, 76 questions (40–250 characters), one theme name over 45
  characters, a level tie;
- poster-three: 3 themes, 7 questions, no challenges;
- poster-fourteen: 14 themes, 140 questions (too many for one A0 at 24 pt).

Run once: `python scripts/make_poster_fixtures.py`; the files are committed.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "tests" / "fixtures"

META = """language: en-GB
title: {title}
subtitle: {subtitle}
publisher: Civic Dialogue Lab
authors:
  - name: Alex Morgan
    affiliation: Civic Dialogue Lab
credit: Made by Alex Morgan (Civic Dialogue Lab) for the regional partnership
keywords: [partnership, dialogue, poster]
labels:
  gradient_start: Abstract · strategic level
  gradient_end: Concrete · operational level
  intro: Introduction
  questions: Questions
  notes: Notes
  challenges: {challenges}
  reflection: Reflection
  diagram: Bubble diagram
  diagram_description: "The themes, from abstract and strategic to concrete and operational:"
  contents: Contents
  footnotes: Notes
  theme: Theme
  page: "Page {{page}} of {{pages}}"
  skip_to_content: Skip to content
"""

INTRO = """---
title: Introduction
---
Partnerships between councils and their shared services rarely fail on intent; they fail on the distance between a shared ambition and the daily work. This praatplaat helps partners talk about that distance, theme by theme, from the abstract to the concrete.

## How does it work?

- Hang the poster where everyone can see it and hand out the question cards.
- Pick the themes that matter most to your partnership, or walk through all of them.
- Each bubble has its own questions; agree on one action per theme before you move on.
"""

REFLECTION_WITH = """---
title: Reflection
---
We spoke with officers and elected members of twelve councils. Three challenges came back in almost every conversation:

## First challenge: START BEFORE YOU ARE READY

Waiting for certainty means waiting forever; partners that began small learned fastest.

## Second challenge: MAKE THE SHARED VALUE VISIBLE

Each partner needs to see what it gains, in money, in time or in quality of service.

## Third challenge: ACCEPT SOME LIMITS ON FREEDOM

Common ways of working need common rules, and those rules limit what each partner does alone.

---

The praatplaat is a way to start that honest conversation.
"""

REFLECTION_WITHOUT = """---
title: Reflection
---
We spoke with officers of three councils; the questions below are the ones they kept coming back to.
"""

NINE = [
    ("vision", "Vision and purpose", 1, None, [
        "What is the one sentence that describes why this partnership exists?",
        "Do all partners describe the purpose of the partnership in the same way when they talk to their own residents and councillors?",
        "Which long-term outcomes would tell us, ten years from now, that the partnership was worth the effort?",
        "How often do we revisit our shared vision?",
        "Where does our vision conflict with the priorities of an individual partner, and how do we handle that conflict openly?",
        "Who is allowed to change the vision, and through which decision-making body does such a change have to pass before it counts?",
    ]),
    ("governance", "Governance, accountability and the division of responsibilities between partners", 2,
     "Governance, account|ability and the division of responsi|bilities between partners", [
        "Who is accountable when a shared service does not deliver?",
        "How are decisions prepared, taken and recorded in the joint board, and can every partner follow that process from the outside?",
        "Is the division of tasks between the councils and the shared service written down, and is it still accurate today?",
        "What happens when one partner disagrees with a decision that the majority has taken?",
        "How do elected members of each council hold the joint board to account, and do they have the information they need to do so?",
        "Which decisions can officers take on their own, and which need the approval of the board or of every council separately?",
        "How do we deal with a partner that wants to leave the arrangement, what are the financial and legal consequences of such a departure for the partners that stay, and who negotiates the terms of the exit on behalf of the others?",
        "Is the governance structure proportionate to the size of the tasks?",
        "When did we last evaluate how well our governance works, and what did we change as a result of that evaluation?",
    ]),
    ("leadership", "Leadership", 3, None, [
        "Who speaks for the partnership in public?",
        "Do the leaders of each partner meet regularly outside the formal board meetings, and what do they discuss there?",
        "How do leaders show their staff that working across organisational boundaries is valued and rewarded?",
        "Which leader would you call first when a joint project runs into serious trouble, and why that person?",
        "How do we make sure that leadership of the partnership survives elections, reorganisations and the departure of key people?",
        "What does good leadership of a partnership look like, compared with leadership of a single organisation?",
        "Are there informal leaders in the partnership whose influence is larger than their formal role suggests?",
        "How do leaders deal with a failure that is shared?",
        "Which leadership behaviour has helped the partnership most in the last year, and which behaviour has held it back?",
        "How do we prepare the next generation of leaders for working in and with the partnership, so that its culture and its informal networks do not depend on the handful of people who have been around since the very first meeting of the board?",
        "Do leaders give their staff enough room to solve problems together with colleagues from other partners?",
        "How open are leaders about their own organisation's interests when these differ from the interests of the partnership as a whole?",
        "What would change if the partnership had a single, clearly mandated leader?",
        "How do we welcome a new leader into the partnership?",
        "Which decisions do leaders keep postponing, and what would it take to make them now rather than next year?",
    ]),
    ("engagement", "Stakeholder engagement", 3, None, [
        "Which residents and businesses notice the partnership at all?",
        "How do we involve local businesses in the design of services that affect them directly, such as permits and inspections?",
        "Who represents the voice of residents when the joint board takes decisions?",
        "How do we report back to stakeholders on what we did with their input, including the suggestions we decided not to follow and our reasons for that?",
    ]),
    ("funding", "Funding and resources", 4, None, [
        "How are the costs of the shared service divided between the partners?",
        "Does each partner pay for what it uses, or do we share costs by a fixed key regardless of use?",
        "Who decides when the budget must be increased?",
        "Which investments would pay off for all partners but are too large for any one of them to make alone?",
        "How do we deal with a partner that cannot pay its share in a difficult year?",
        "Are the resources of the shared service in line with the tasks that the partners have asked it to perform, or has the list of tasks grown faster than the budget?",
        "What would we stop doing if the budget were cut by ten per cent?",
        "How transparent are the accounts of the shared service to councillors and residents?",
        "Do partners keep their own staff for tasks that were moved to the shared service, and does that double the cost?",
        "How do we fund innovation that no single partner has asked for?",
        "Is there a reserve for unexpected costs?",
    ]),
    ("information", "Data and information", 5, None, [
        "Which data do partners share with each other today, and which data do they keep to themselves?",
        "Can staff of the shared service see the same case files as council officers?",
        "Who owns the data that the shared service collects on behalf of the councils?",
        "How do we make sure that information systems of different partners can exchange data without manual copying, and who pays for the connections between them?",
        "Are there agreements about privacy and security that all partners have signed?",
        "How quickly can we answer a question from a resident that needs information from two partners?",
        "Which reports do we produce that nobody reads?",
        "Do partners use the same definitions for key figures, such as the number of permits granted or the number of inspections carried out, so that comparisons between them make sense?",
    ]),
    ("skills", "Skills and training", 6, None, [
        "Which skills does the partnership lack today?",
        "Do staff of different partners train together, and does that training lead to shared ways of working?",
        "How do we keep specialist knowledge available when it is held by only one or two people?",
        "Can staff move between partners for a while to learn how the others work, and what stops them from doing so?",
        "Which skills will we need in five years that we do not train for now?",
        "How do we share what we learn from mistakes?",
        "Is there a joint plan for recruiting people with scarce skills, or do the partners compete with each other for the same small group of candidates in the regional labour market?",
    ]),
    ("processes", "Processes and procedures", 7, None, [
        "Which processes run through more than one partner, from the first request to the final decision?",
        "Where do cases wait longest, and why do they wait there?",
        "Are the procedures of the partners aligned, or does the shared service work differently for each council it serves?",
        "How many hand-overs does an average permit application need before a decision is taken?",
        "Who is responsible for improving a process that no single partner owns?",
        "Do we measure the time a resident waits, or only the time each partner spends on a case?",
        "Which forms and letters could be the same for all partners?",
        "How do we agree on a change in a shared process, and how long does such a change usually take from the first proposal to the day it is used in practice?",
        "Are complaints about shared services handled in one place?",
        "What can we learn from partnerships elsewhere that have simplified their procedures?",
    ]),
    ("operations", "Day-to-day operations", 8, None, [
        "Who answers the phone when a resident calls about a case?",
        "How do inspectors of the shared service and council officers coordinate their visits to the same location?",
        "What do staff need from each other to do their work well tomorrow?",
        "Which small irritation in daily cooperation could we solve this month?",
        "How do we handle an urgent case at the weekend or during holidays, when the usual contacts at the partners are not available and decisions still have to be taken quickly?",
        "Do staff know whom to contact at the other partners?",
    ]),
]

THREE = [
    ("purpose", "Purpose", 1, None, [
        "Why do we work together at all?",
        "What would residents lose if the partnership stopped tomorrow?",
        "Which goal do all three partners share without reservation?",
    ]),
    ("agreements", "Agreements", 2, None, [
        "Which agreements between us are written down, and which are only understood?",
        "Who checks that agreements are kept?",
    ]),
    ("practice", "Daily practice", 3, None, [
        "What makes a good working day with colleagues from another partner?",
        "Which one thing should we change first?",
    ]),
]

FOURTEEN_TOPICS = [
    ("mission", "Mission"), ("values", "Shared values"), ("strategy", "Strategy and priorities"),
    ("board", "The joint board"), ("politics", "Political support"), ("finance", "Finance"),
    ("contracts", "Contracts and agreements"), ("people", "People and culture"),
    ("data", "Data and systems"), ("quality", "Quality of service"), ("permits", "Permits"),
    ("inspections", "Inspections and enforcement"), ("customers", "Customer contact"),
    ("fieldwork", "Fieldwork"),
]

STEMS = [
    "How well does {t} work for every partner today?",
    "Who is responsible for {t} in the partnership, and is that clear to everyone involved?",
    "What should change first in {t}?",
    "Which partner has the most experience with {t}, and how could the others learn from it?",
    "How do we measure whether {t} is improving, and who looks at those figures?",
    "What would residents notice if {t} went badly wrong for a month?",
    "Are the agreements about {t} written down, and when were they last reviewed by the partners together?",
    "Which risks in {t} do we accept, and which do we try to avoid at almost any cost?",
    "How much time do staff spend on {t} each week?",
    "If we had to start again, how would we organise {t} across the partnership, and what would we keep exactly as it is now?",
]


def theme_file(index: int, tid: str, name: str, level: int, label: str | None, questions: list[str]) -> str:
    head = f"---\nid: {tid}\nname: {name}\nlevel: {level}\n" + (f"label: {label}\n" if label else "") + "---\n"
    return head + "".join(f"{n}. {q}\n" for n, q in enumerate(questions, start=1))


def write(folder: str, title: str, subtitle: str, themes, challenges: bool) -> None:
    root = ROOT / folder
    (root / "themes").mkdir(parents=True, exist_ok=True)
    (root / "praatplaat.yaml").write_text(META.format(title=title, subtitle=subtitle,
                                                      challenges="Three challenges" if challenges else "Challenges"))
    (root / "intro.md").write_text(INTRO)
    (root / "reflection.md").write_text(REFLECTION_WITH if challenges else REFLECTION_WITHOUT)
    for k, (tid, name, level, label, questions) in enumerate(themes, start=1):
        for q in questions:
            assert 40 <= len(q) <= 250 or folder != "poster-nine", (len(q), q)
        (root / "themes" / f"{k:02d}-{tid}.md").write_text(theme_file(k, tid, name, level, label, questions))


def main() -> None:
    write("poster-nine", "Working together across councils", "a conversation in nine themes", NINE, True)
    write("poster-three", "Three partners, one practice", "a short conversation", THREE, False)
    fourteen = [(tid, name, k + 1, None, [s.format(t=name.lower()) for s in STEMS])
                for k, (tid, name) in enumerate(FOURTEEN_TOPICS)]
    write("poster-fourteen", "The whole partnership", "fourteen themes for a long session", fourteen, True)


if __name__ == "__main__":
    main()
