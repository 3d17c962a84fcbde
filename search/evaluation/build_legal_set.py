"""Builds search/evaluation/legal/documents.jsonl from the LawRefBook/Laws repository.

Run by hand (never at test time), from the worktree root, with a clone of
https://github.com/LawRefBook/Laws (bare or not):

    .venv/bin/python search/evaluation/build_legal_set.py /path/to/Laws [--commit HEAD]

The laws are the ones a municipal portal's visitors ask about. Short, everyday laws become one
document per article (title 《中华人民共和国社会保险法》第十六条); long ones one document per
chapter, or per section where a chapter has sections (title 《…》第四章 食品生产经营 第二节 …),
so the set mixes short and long texts as a portal does. Ids are stable: law code + a (article
number) or c (chapter) [s (section)]. Chinese laws and regulations are not protected by
copyright (著作权法第五条), so their text may be kept in the repository.
"""

import argparse
import json
import re
import subprocess
from pathlib import Path

OUT = Path(__file__).resolve().parent / "legal" / "documents.jsonl"

# (code, path in the repository, granularity): "article" or "chapter".
LAWS = [
    ("ogi", "行政法规/政府信息公开条例(2019-04-03).md", "article"),
    ("si", "社会法/社会保险法(2018-12-29).md", "article"),
    ("hf", "行政法规/住房公积金管理条例(2019-03-24).md", "article"),
    ("petition", "行政法规/信访工作条例(2022-02-25).md", "article"),
    ("hukou", "行政法/户口登记条例(1958-01-09).md", "article"),
    ("dibao", "行政法规/城市居民最低生活保障条例(1999-09-28).md", "article"),
    ("iit", "经济法/个人所得税法(2018-08-31).md", "article"),
    ("labour", "社会法/劳动合同法(2012-12-28).md", "article"),
    ("license", "行政法/行政许可法(2019-04-23).md", "chapter"),
    ("review", "诉讼与非诉讼程序法/行政复议法(2023-09-01).md", "chapter"),
    ("food", "行政法/食品安全法(2021-04-29).md", "chapter"),
    ("tender", "民法商法/招标投标法(2017-12-27).md", "chapter"),
    ("edu", "行政法/义务教育法(2018-12-29).md", "chapter"),
    ("road", "行政法/道路交通安全法(2021-04-29).md", "chapter"),
    ("consumer", "民法商法/消费者权益保护法(2013-10-25).md", "chapter"),
    ("safety", "社会法/安全生产法(2021-06-10).md", "chapter"),
    ("env", "行政法/环境保护法(2014-04-24).md", "chapter"),
    ("assist", "行政法规/社会救助暂行办法(2019-03-02).md", "chapter"),
    ("injury", "行政法规/工伤保险条例(2010-12-20).md", "chapter"),
    ("idcard", "行政法/居民身份证法(2011-10-29).md", "chapter"),
    ("eia", "行政法/环境影响评价法(2018-12-29).md", "chapter"),
    ("procure", "经济法/政府采购法(2014-08-31).md", "chapter"),
    ("medfund", "行政法规/医疗保障基金使用监督管理条例(2021-01-15).md", "chapter"),
    ("elderly", "社会法/老年人权益保障法(2018-12-29).md", "chapter"),
    ("penalty", "行政法/行政处罚法(2021-01-22).md", "chapter"),
    ("marriage", "民法典/婚姻家庭编.md", "chapter"),
    ("inherit", "民法典/继承编.md", "chapter"),
]

NUMERAL = "零〇一二三四五六七八九十百千"
ARTICLE_RE = re.compile(rf"^第([{NUMERAL}]+)条\s*(.*)$")
DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_number(text):
    """一千零四十 -> 1040, 十五 -> 15."""
    total, digit = 0, 0
    for char in text:
        if char in DIGITS:
            digit = DIGITS[char]
        else:
            total += (digit or 1) * UNITS[char]
            digit = 0
    return total + digit


def heading_number(heading):
    match = re.match(rf"第([{NUMERAL}]+)[章节编]", heading)
    return cn_number(match.group(1)) if match else 0


def parse(text):
    """(law title, [article dicts with chapter/section headings])."""
    head, _sep, rest = text.partition("<!-- INFO END -->")
    # 民法典 parts have two top headings: 中华人民共和国民法典, 婚姻家庭编.
    names = [line[2:].strip() for line in head.splitlines() if line.startswith("# ")]
    title, part = names[0], "".join(names[1:])
    lines = rest.splitlines() if rest else head.splitlines()
    chapter = section = ""
    articles = []
    for line in lines:
        line = " ".join(line.split())
        if not line:
            continue
        if line.startswith("### "):
            section = heading(line[4:])
        elif line.startswith("## "):
            chapter, section = heading(line[3:]), ""
        elif line.startswith("#"):
            continue
        elif match := ARTICLE_RE.match(line):
            number, text = match.groups()
            articles.append({"number": number, "chapter": chapter, "section": section, "paragraphs": [text]})
        elif articles:
            articles[-1]["paragraphs"].append(line)
    return title, part, articles


def heading(text):
    """第一章 总 则 -> 第一章 总则 (headings space out two-character names)."""
    number, _sep, name = text.partition(" ")
    return f"{number} {name.replace(' ', '')}" if name else number


def documents(code, path, granularity, text):
    title, part, articles = parse(text)
    law = f"《{title}》{part} " if part else f"《{title}》"
    if granularity == "article" or not any(a["chapter"] for a in articles):
        for a in articles:
            yield {
                "id": f"{code}-a{cn_number(a['number'])}",
                "title": f"{law}第{a['number']}条",
                "body": "\n".join(a["paragraphs"]),
                "law": title + part,
                "chapter": " ".join(filter(None, [a["chapter"], a["section"]])),
                "source": path,
            }
        return
    groups = {}
    for a in articles:
        groups.setdefault((a["chapter"], a["section"]), []).append(a)
    for (chapter, section), group in groups.items():
        number = f"{code}-c{heading_number(chapter)}" + (f"s{heading_number(section)}" if section else "")
        yield {
            "id": number,
            "title": f"{law}{' '.join(filter(None, [chapter, section]))}",
            "body": "\n".join(f"第{a['number']}条 " + "\n".join(a["paragraphs"]) for a in group),
            "law": title + part,
            "chapter": " ".join(filter(None, [chapter, section])),
            "source": path,
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", help="a clone of LawRefBook/Laws (bare repositories work)")
    parser.add_argument("--commit", default="HEAD")
    args = parser.parse_args()
    commit = subprocess.run(
        ["git", "-C", args.repo, "rev-parse", args.commit], capture_output=True, text=True, check=True
    ).stdout.strip()
    docs = []
    for code, path, granularity in LAWS:
        text = subprocess.run(
            ["git", "-C", args.repo, "show", f"{commit}:{path}"], capture_output=True, text=True, check=True
        ).stdout
        docs += documents(code, path, granularity, text)
    ids = [d["id"] for d in docs]
    assert len(ids) == len(set(ids)), "duplicate ids"
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), "utf-8")
    print(f"{len(docs)} documents from {len(LAWS)} laws (LawRefBook/Laws {commit}) -> {OUT}")


if __name__ == "__main__":
    main()
