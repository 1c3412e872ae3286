//! The task table of an attachment (任务分工表): a header of column names (序号, 重点任务,
//! 牵头单位, 配合单位, 完成时限), then a row per task. Cells are separated by tabs or wide
//! spaces, or stand one per line, as a table copied out of a page flattens.

use std::ops::Range;

use super::outline::Line;
use crate::extract::number::digits;
use crate::extract::text::{is_space, slice};

/// What a column of a task table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    Serial,
    Task,
    Lead,
    Responsible,
    Cooperating,
    Deadline,
    /// What the task holds: 具体内容, 工作目标, 建设内容.
    Detail,
    Other,
}

/// Column names, matched whole on squeezed, folded cells.
const COLUMNS: [(&str, Column); 45] = [
    ("序号", Column::Serial),
    ("编号", Column::Serial),
    ("重点任务", Column::Task),
    ("主要任务", Column::Task),
    ("工作任务", Column::Task),
    ("任务名称", Column::Task),
    ("具体任务", Column::Task),
    ("任务内容", Column::Task),
    ("工作内容", Column::Task),
    ("重点工作", Column::Task),
    ("工作事项", Column::Task),
    ("任务事项", Column::Task),
    ("项目名称", Column::Task),
    ("重点项目", Column::Task),
    ("任务", Column::Task),
    ("事项", Column::Task),
    ("牵头单位", Column::Lead),
    ("牵头部门", Column::Lead),
    ("牵头责任单位", Column::Lead),
    ("责任单位", Column::Responsible),
    ("责任部门", Column::Responsible),
    ("主要责任单位", Column::Responsible),
    ("责任主体", Column::Responsible),
    ("配合单位", Column::Cooperating),
    ("配合部门", Column::Cooperating),
    ("协办单位", Column::Cooperating),
    ("参与单位", Column::Cooperating),
    ("相关责任单位", Column::Cooperating),
    ("协同单位", Column::Cooperating),
    ("完成时限", Column::Deadline),
    ("完成时间", Column::Deadline),
    ("时间节点", Column::Deadline),
    ("完成期限", Column::Deadline),
    ("时限", Column::Deadline),
    ("备注", Column::Other),
    ("具体内容", Column::Detail),
    ("任务目标", Column::Detail),
    ("目标要求", Column::Detail),
    ("工作目标", Column::Detail),
    ("目标任务", Column::Detail),
    ("具体措施", Column::Detail),
    ("主要内容", Column::Detail),
    ("工作措施", Column::Detail),
    ("建设内容", Column::Detail),
    ("预期成果", Column::Detail),
];

fn column(cell: &str) -> Option<Column> {
    let squeezed: String = crate::script::fold(cell).chars().filter(|&c| !is_space(c)).collect();
    COLUMNS.iter().find(|(name, _)| *name == squeezed).map(|(_, c)| *c)
}

/// The cells of a line split at each tab, or else at runs of two or more spaces (a full-width
/// space counts as two), as byte ranges of `text`.
fn cells(text: &str, line: Line) -> Vec<Range<usize>> {
    let content = slice(text, line.start..line.end);
    if content.contains('\t') {
        // Each tab ends a cell, so that an empty cell keeps its place.
        let mut at = line.start;
        return content
            .split('\t')
            .map(|cell| {
                let range = at..at + cell.len();
                at += cell.len() + 1;
                range
            })
            .collect();
    }
    let mut cells = Vec::new();
    let mut start = 0;
    let mut gap_start = None;
    let mut gap_width = 0;
    for (at, c) in content.char_indices() {
        if is_space(c) {
            if gap_start.is_none() {
                gap_start = Some(at);
                gap_width = 0;
            }
            gap_width += if c == '\t' || c == '\u{3000}' { 2 } else { 1 };
            continue;
        }
        if let Some(gap) = gap_start.take() {
            if gap_width >= 2 {
                cells.push(line.start + start..line.start + gap);
                start = at;
            }
        }
    }
    cells.push(line.start + start..line.end);
    cells
}

/// Whether a header holds a task column and one of who answers for it.
fn is_task_header(columns: &[Column]) -> bool {
    columns.len() >= 2
        && columns.contains(&Column::Task)
        && columns.iter().any(|c| matches!(c, Column::Lead | Column::Responsible))
}

/// Whether a line is the header of a task table on one line: "序号 重点任务 牵头单位".
pub(crate) fn is_header_line(line: &str) -> bool {
    // Most lines are prose: a header is short and names who answers for the task, in
    // either script (單位, 責任主體).
    if line.len() > 240 {
        return false;
    }
    let folded = crate::script::fold(line);
    if !["单位", "部门", "责任主体"].iter().any(|w| folded.contains(w)) {
        return false;
    }
    let text = line;
    let whole = Line { start: 0, end: text.len() };
    let columns: Option<Vec<Column>> = cells(text, whole).into_iter().map(|r| column(text.get(r)?)).collect();
    columns.is_some_and(|c| is_task_header(&c))
}

/// One row of a task table: the task's words and the other cells by column.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub task: Range<usize>,
    pub cells: Vec<(Column, Range<usize>)>,
    /// Cells that say more of the task (具体内容, 工作目标, 建设内容), in order.
    pub details: Vec<Range<usize>>,
    /// From the start of the row's first line to the end of its last.
    pub lines: Range<usize>,
}

fn is_serial(cell: &str) -> Option<u32> {
    let cell = cell.trim_matches(|c: char| is_space(c) || matches!(c, '.' | '、' | '．'));
    // 1–4 digits and nothing else.
    digits(cell, 4).filter(|run| run.len == cell.len()).and_then(|run| run.value_u32())
}

fn row(text: &str, header: &[Column], values: &[Range<usize>], lines: Range<usize>) -> Option<Row> {
    let mut task = None;
    let mut cells = Vec::new();
    let mut details = Vec::new();
    for (&column, range) in header.iter().zip(values) {
        if text.get(range.clone()).is_none_or(|s| s.trim_matches(is_space).is_empty()) {
            continue;
        }
        match column {
            Column::Task if task.is_none() => task = Some(range.clone()),
            Column::Task | Column::Detail => details.push(range.clone()),
            Column::Serial | Column::Other => {}
            _ => cells.push((column, range.clone())),
        }
    }
    Some(Row { task: task?, cells, details, lines })
}

/// The rows of the task tables among `lines` (the trailer's, where attachments are).
pub(crate) fn rows(text: &str, lines: &[Line]) -> Vec<Row> {
    let slice = |l: &Line| slice(text, l.start..l.end);
    let mut found = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        // A header on one line, rows below it cell by cell.
        let one: Option<Vec<Column>> =
            lines.get(i).and_then(|&l| cells(text, l).into_iter().map(|r| column(text.get(r)?)).collect());
        if let Some(header) = one.filter(|h| h.len() >= 3 && is_task_header(h)) {
            i += 1;
            while let Some(&line) = lines.get(i) {
                let values = cells(text, line);
                if values.len() == 1 && column(slice(&line)).is_none() && values.len() < header.len() {
                    // A section row ("一、数字基础设施") or the end of the table.
                    if is_header_line(slice(&line)) {
                        break;
                    }
                    i += 1;
                    continue;
                }
                if values.len() == header.len() {
                    found.extend(row(text, &header, &values, line.start..line.end));
                }
                i += 1;
            }
            continue;
        }
        // A header flattened into one column name per line.
        let header: Vec<Column> = lines.iter().skip(i).map_while(|l| column(slice(l))).collect();
        if header.len() >= 3 && is_task_header(&header) {
            i += header.len();
            let body: Vec<Line> = lines.iter().skip(i).copied().collect();
            let consumed = flattened_rows(text, &header, &body, &mut found);
            i += consumed.max(1);
            continue;
        }
        i += 1;
    }
    found
}

/// Rows of a flattened table: with a serial column, each row starts at the next serial
/// number; without, every `header.len()` lines make a row. Returns the lines read.
fn flattened_rows(text: &str, header: &[Column], body: &[Line], found: &mut Vec<Row>) -> usize {
    let slice = |l: &Line| slice(text, l.start..l.end);
    let values = |ls: &[Line]| ls.iter().map(|l| l.start..l.end).collect::<Vec<_>>();
    let extent = |ls: &[Line]| ls.first().map_or(0, |l| l.start)..ls.last().map_or(0, |l| l.end);
    if header.first() != Some(&Column::Serial) {
        let mut read = 0;
        for chunk in body.chunks(header.len()) {
            if chunk.len() < header.len() || chunk.iter().any(|l| column(slice(l)).is_some()) {
                break;
            }
            found.extend(row(text, header, &values(chunk), extent(chunk)));
            read += chunk.len();
        }
        return read;
    }
    let mut read = 0;
    let mut expected = 1;
    while body.get(read).and_then(|l| is_serial(slice(l))) == Some(expected) {
        // The row runs to the next serial number, or the table's last column.
        let end = body
            .iter()
            .enumerate()
            .skip(read + 1)
            .take(header.len() * 2)
            .find(|(_, l)| is_serial(slice(l)) == Some(expected + 1))
            .map_or_else(|| (read + header.len()).min(body.len()), |(j, _)| j);
        if let Some(chunk) = body.get(read..end) {
            found.extend(row(text, header, &values(chunk), extent(chunk)));
        }
        read = end;
        expected += 1;
    }
    read
}

#[cfg(test)]
mod tests {
    use super::super::outline::lines;
    use super::*;

    fn read(text: &str) -> Vec<(String, Vec<(Column, String)>)> {
        let all: Vec<Line> = lines(text).collect();
        rows(text, &all)
            .into_iter()
            .map(|r| {
                let cells = r.cells.iter().map(|(c, range)| (*c, text[range.clone()].to_string())).collect();
                (text[r.task].to_string(), cells)
            })
            .collect()
    }

    #[test]
    fn a_table_on_tab_separated_lines() {
        let text = "附件\n重点任务分工表\n序号\t重点任务\t牵头单位\t配合单位\t完成时限\n1\t建设城市大脑\t市大数据局\t市公安局、市财政局\t2023年底前\n二、数字经济\n2\t培育工业互联网平台\t市工业和信息化局\t\t2024年6月\n";
        let got = read(text);
        assert_eq!(got.len(), 2, "help: {got:?}");
        assert_eq!(got[0].0, "建设城市大脑");
        assert_eq!(
            got[0].1,
            [
                (Column::Lead, "市大数据局".into()),
                (Column::Cooperating, "市公安局、市财政局".into()),
                (Column::Deadline, "2023年底前".into())
            ]
        );
        assert_eq!(got[1].1.len(), 2, "help: an empty cell is skipped");
    }

    #[test]
    fn a_table_flattened_one_cell_a_line() {
        let text = "序号\n重点任务\n牵头单位\n完成时限\n1\n建设城市大脑\n市大数据局\n2023年底前\n2\n推进一网通办\n市行政审批服务局\n3\n建设5G基站2000个\n市工业和信息化局\n2023年12月\n";
        let got = read(text);
        assert_eq!(
            got.iter().map(|r| r.0.as_str()).collect::<Vec<_>>(),
            ["建设城市大脑", "推进一网通办", "建设5G基站2000个"]
        );
        assert_eq!(got[1].1, [(Column::Lead, "市行政审批服务局".into())], "help: a row that lacks its last cell");
        assert_eq!(got[2].1[1], (Column::Deadline, "2023年12月".into()));
    }

    #[test]
    fn traditional_headers_read_as_simplified_ones() {
        assert!(is_header_line("序號\t重點任務\t牽頭單位\t協辦單位"));
        assert!(is_header_line("序號  重點任務  責任主体"), "help: a header mixing the scripts");
        let text = "序號\t重點任務\t牽頭單位\t協辦單位\t參與單位\t時間節點\n1\t建設城市大腦\t市大數據局\t市公安局\t市財政局\t2023年底前\n";
        let got = read(text);
        assert_eq!(got.len(), 1, "help: {got:?}");
        let columns: Vec<Column> = got[0].1.iter().map(|(c, _)| *c).collect();
        assert_eq!(columns, [Column::Lead, Column::Cooperating, Column::Cooperating, Column::Deadline]);
    }

    #[test]
    fn lines_that_are_not_a_task_table() {
        assert!(read("序号\n名称\n1\n甲\n").is_empty());
        assert!(read("附件:1.重点任务分工表\n2.指标表\n").is_empty());
        assert!(is_header_line("序号  重点任务  责任单位"));
        assert!(!is_header_line("重点任务"));
    }
}
