//! Traditional characters, as scraped mirrors of a plan carry them, folded to simplified
//! ones so that keywords (牽頭單位, 個, 達到) and terms match. Each pair has the same
//! UTF-8 length, so folded text keeps every byte offset of the original: spans found in
//! it are spans of the source.

use std::borrow::Cow;
use std::sync::LazyLock;

const TRADITIONAL: &str = "並亞來係倉個們備傳債傷僅僑價儀億優儲兒內兩別則創劃劑動務勝勢勵匯區協參員問啟單嚴國圍園圓圖團執報場塊壇壓壞壩壯夠夥奮姦孫學實寧審寫寬寶將專尋對導屆層屬岡島嶗嶺巖師帶幣幫幹庫廂廈廟廠廢廣廳張強彈彎彙後徑從復徵惡惱愛態慮慶憑憲憶應懲懷戰戲戶拋捨掃掛採揀揚換揮損搖撥擁擊擔據擬擴擾攜攝敗敵數斂斷於昇時晉暢暫曆曉書會東桿條棄棟業極榮構槍槓樁樂樓標樞樣樹橋機橫檔檢檯櫃權歐歡歲歷歸殘殺殼氣氫決況減測湧準溝溫滅滬滯漁漢漲潔澤濃濕濟濱濾瀏灣災為烏無煉煙熱燈燒營燦爐爭爺牆牽犧狀猶獎獨獲獻現瑣瑪環瓊產畝畢畫異當瘋療發盜盡監盤盧眾睜矯碩確碼磚礎礙礦禍禦禮稅種稱穀積穩穫窩窮競筆節範築簡簽籌糧糾紀約紅紋納紐純紙級紛紡細紹終組結絕絡給統絲綁經綜綠綫維綱網綿緊緒線緝締緣編緩緯練縣縫縮縱總績織繞繩繪繫繳繼續纏纖纜罰罷羅義習聖聞聯聰聲職聽肅脅脈脫腦腳膚膠膽臉臟臨臺與興舉舊艙艦艱華萬葉蓋蔔蔣蕭薦藍藝藥蘇蘭處虛號虧蟬蟲蠟衆術衛衝補裝裡製複襯襲見規視親覺覽觀觸訂計訊討訓託記訪設許訴診詐評詞詢試詩話該詳誌認誕誘語誠誤說誰課調談請論諮諸諾謀謂講謝謠謹證識譜譯議護讀變讓讚豈豎豐貓貝貞負財貢貧貨販貫責貴買貸費貼貿賀資賊賓賞賠賣賤賦質賬賴購賽贈贊贏趕趙趨跡踐躍車軌軍軟軸較載輔輕輛輝輩輪輯輸轄轉辦辭農這連週進遊運過達違遙遜遞遠適遲遷選遺遼邁還邊邏郵鄉鄭鄰醜醫釀釋針鈕鈴鉛銀銅銷鋒鋪鋼錄錢錦錯鍊鍋鍵鎖鎮鏈鏡鐘鐵鑄鑑鑒鑰長門閃閉開閒間閘閣閱闊闖關闡陝陣陰陳陸陽隊階際隨險隱隸雖雙雛雜雞離難雲電霧靈靜韌韓響頁頂頃項順須預頒頓領頭頸頻顆題額顏願類顧顫顯風颱飄飛飯飲飽養餘館饒馬馮馳駐駕騎騰驅驗驚髒體鬆鬍鬥鬧魚魯鮮鳥鳳鳴鴻鶴鹼鹽麗麥麼黃點黨齊齒齡龍龐龜";
const SIMPLIFIED: &str = "并亚来系仓个们备传债伤仅侨价仪亿优储儿内两别则创划剂动务胜势励汇区协参员问启单严国围园圆图团执报场块坛压坏坝壮够伙奋奸孙学实宁审写宽宝将专寻对导届层属冈岛崂岭岩师带币帮干库厢厦庙厂废广厅张强弹弯汇后径从复征恶恼爱态虑庆凭宪忆应惩怀战戏户抛舍扫挂采拣扬换挥损摇拨拥击担据拟扩扰携摄败敌数敛断于升时晋畅暂历晓书会东杆条弃栋业极荣构枪杠桩乐楼标枢样树桥机横档检台柜权欧欢岁历归残杀壳气氢决况减测涌准沟温灭沪滞渔汉涨洁泽浓湿济滨滤浏湾灾为乌无炼烟热灯烧营灿炉争爷墙牵牺状犹奖独获献现琐玛环琼产亩毕画异当疯疗发盗尽监盘卢众睁矫硕确码砖础碍矿祸御礼税种称谷积稳获窝穷竞笔节范筑简签筹粮纠纪约红纹纳纽纯纸级纷纺细绍终组结绝络给统丝绑经综绿线维纲网绵紧绪线缉缔缘编缓纬练县缝缩纵总绩织绕绳绘系缴继续缠纤缆罚罢罗义习圣闻联聪声职听肃胁脉脱脑脚肤胶胆脸脏临台与兴举旧舱舰艰华万叶盖卜蒋萧荐蓝艺药苏兰处虚号亏蝉虫蜡众术卫冲补装里制复衬袭见规视亲觉览观触订计讯讨训托记访设许诉诊诈评词询试诗话该详志认诞诱语诚误说谁课调谈请论咨诸诺谋谓讲谢谣谨证识谱译议护读变让赞岂竖丰猫贝贞负财贡贫货贩贯责贵买贷费贴贸贺资贼宾赏赔卖贱赋质账赖购赛赠赞赢赶赵趋迹践跃车轨军软轴较载辅轻辆辉辈轮辑输辖转办辞农这连周进游运过达违遥逊递远适迟迁选遗辽迈还边逻邮乡郑邻丑医酿释针钮铃铅银铜销锋铺钢录钱锦错炼锅键锁镇链镜钟铁铸鉴鉴钥长门闪闭开闲间闸阁阅阔闯关阐陕阵阴陈陆阳队阶际随险隐隶虽双雏杂鸡离难云电雾灵静韧韩响页顶顷项顺须预颁顿领头颈频颗题额颜愿类顾颤显风台飘飞饭饮饱养余馆饶马冯驰驻驾骑腾驱验惊脏体松胡斗闹鱼鲁鲜鸟凤鸣鸿鹤碱盐丽麦么黄点党齐齿龄龙庞龟";

static TABLE: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    let mut table: Vec<(char, char)> = TRADITIONAL.chars().zip(SIMPLIFIED.chars()).collect();
    table.sort_unstable();
    table
});

/// One bit per character of the Basic Multilingual Plane: whether it has an entry, so
/// that the common case, a character with none, costs one load. Built at compile time,
/// as it is read for every character a tokenizer sees.
static HAS_ENTRY: [u64; 1024] = entry_bits(TRADITIONAL.as_bytes());

const fn entry_bits(table: &[u8]) -> [u64; 1024] {
    // Every traditional character of the table lies in the BMP: three UTF-8 bytes.
    assert!(table.len().is_multiple_of(3));
    let mut bits = [0u64; 1024];
    let mut at = 0;
    while at + 2 < table.len() {
        let c = ((table[at] as usize & 0x0f) << 12)
            | ((table[at + 1] as usize & 0x3f) << 6)
            | (table[at + 2] as usize & 0x3f);
        bits[c / 64] |= 1 << (c % 64);
        at += 3;
    }
    bits
}

/// The simplified form of `c`, or `c`.
#[inline]
pub(crate) fn simplified(c: char) -> char {
    let code = c as usize;
    if c < '\u{4e00}' || HAS_ENTRY.get(code / 64).is_none_or(|word| word & (1 << (code % 64)) == 0) {
        return c;
    }
    TABLE.binary_search_by_key(&c, |&(t, _)| t).ok().and_then(|i| TABLE.get(i)).map_or(c, |&(_, s)| s)
}

/// `text` with traditional characters folded; borrowed when there are none.
/// Folds the traditional characters of the genre (about 700) in `text` to simplified ones,
/// each to one of the same UTF-8 length, so that byte offsets stay valid. The parser reads
/// keywords and target metrics this way; use it to compare names across scripts.
///
/// # Examples
///
/// ```
/// assert_eq!(cityalign::simplify("市大數據局"), "市大数据局");
/// ```
pub fn simplify(text: &str) -> Cow<'_, str> {
    fold(text)
}

pub(crate) fn fold(text: &str) -> Cow<'_, str> {
    match text.char_indices().find(|&(_, c)| simplified(c) != c) {
        None => Cow::Borrowed(text),
        Some((at, _)) => {
            let mut out = String::with_capacity(text.len());
            out.push_str(text.get(..at).unwrap_or(""));
            out.extend(text.get(at..).unwrap_or("").chars().map(simplified));
            Cow::Owned(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_keep_byte_lengths() {
        assert_eq!(TRADITIONAL.chars().count(), SIMPLIFIED.chars().count());
        for (t, s) in TRADITIONAL.chars().zip(SIMPLIFIED.chars()) {
            assert_eq!(t.len_utf8(), s.len_utf8(), "help: {t} → {s} would shift spans");
            assert_ne!(t, s);
            assert_eq!(simplified(t), s);
        }
    }

    #[test]
    fn folding_keeps_offsets_and_leaves_simplified_text_alone() {
        let text = "(牽頭單位:市大數據局;完成時限:2022年底前)新建5G基站2000個";
        let folded = fold(text);
        assert_eq!(folded, "(牵头单位:市大数据局;完成时限:2022年底前)新建5G基站2000个");
        assert_eq!(folded.len(), text.len());
        assert!(matches!(fold("建设智慧社区 abc"), Cow::Borrowed(_)));
    }
}
