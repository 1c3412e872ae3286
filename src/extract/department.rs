//! Canonical departments: which kind of office a unit's name denotes, whatever the city
//! and level. Keywords are matched in order, so the specific come before the general
//! (市人大常委会办公室 is the congress, not a general office).

use crate::model::Department;

const TABLE: &[(&[&str], Department)] = &[
    (&["大数据", "电子政务", "数据局", "数据管理", "数据资源管理"], Department::BigData),
    (&["网信"], Department::Cyberspace),
    (&["人大"], Department::PeoplesCongress),
    (&["政协"], Department::PoliticalConsultative),
    (&["纪委", "监委"], Department::Discipline),
    (&["政法委"], Department::PoliticalLegal),
    (&["组织部", "党校"], Department::Organization),
    (&["宣传部", "融媒体"], Department::Publicity),
    (&["统战部", "工商联"], Department::UnitedFront),
    (&["编办", "机构编制"], Department::Staffing),
    (&["工会", "团市委", "团区委", "团县委", "共青团", "妇联", "残联", "科协"], Department::MassOrganization),
    (&["工业和信息化", "工信", "经济和信息化", "经信", "信息通信发展"], Department::IndustryIt),
    (&["发展改革", "发展和改革", "发改"], Department::DevelopmentReform),
    (&["行政审批", "政务服务", "审批服务"], Department::AdministrativeApproval),
    (&["市场监管", "市场监督"], Department::MarketRegulation),
    (&["医保", "医疗保障"], Department::MedicalInsurance),
    (&["卫生健康", "卫健", "卫生"], Department::Health),
    (&["人力资源", "人社"], Department::HumanResources),
    (&["教育"], Department::Education),
    (&["体育"], Department::Sports),
    (&["文化和旅游", "文旅", "文化", "旅游"], Department::CultureTourism),
    (&["商务"], Department::Commerce),
    (&["水务", "水利"], Department::Water),
    (&["住房", "住建", "城建", "城乡建设"], Department::HousingConstruction),
    (&["城管", "城市管理", "综合行政执法"], Department::UrbanManagement),
    (&["公安"], Department::PublicSecurity),
    (&["民政局", "民政厅", "民政部"], Department::CivilAffairs),
    (&["农业", "农村"], Department::Agriculture),
    (&["交通"], Department::Transport),
    (&["自然资源", "规划"], Department::NaturalResources),
    (&["生态环境", "环保"], Department::EcologyEnvironment),
    (&["应急"], Department::Emergency),
    (&["科技", "科学技术"], Department::ScienceTechnology),
    (&["财政"], Department::Finance),
    (&["审计"], Department::Audit),
    (&["统计"], Department::Statistics),
    (&["司法"], Department::Justice),
    (&["国资"], Department::StateAssets),
    (&["金融", "人行", "人民银行"], Department::FinancialRegulation),
    (&["海洋", "渔业"], Department::Ocean),
    (&["密码", "机要", "保密"], Department::Cryptography),
    (&["投资促进", "投资集团", "开发投资", "财金"], Department::Investment),
    (&["社会治理", "市域治理", "社会工作"], Department::SocialGovernance),
    (&["供电", "电网", "电力"], Department::PowerUtility),
    (&["移动", "联通", "电信", "铁塔", "广电网络"], Department::TelecomOperator),
    (&["有关部门", "相关部门", "有关单位", "相关单位", "市直", "区直", "县直"], Department::Related),
    (&["政府办公室", "政府办公厅", "政府办"], Department::GeneralOffice),
    (&["人民政府", "政府", "开发区", "管委", "功能区", "镇街", "街道", "乡镇"], Department::LowerGovernment),
];

/// The canonical department a unit's name denotes, [`Department::Other`] when none fits.
pub(crate) fn department_of(name: &str) -> Department {
    let name = crate::script::fold(name);
    let name = name.as_ref();
    TABLE.iter().find(|(keys, _)| keys.iter().any(|k| name.contains(k))).map_or(Department::Other, |(_, d)| *d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_office_in_different_cities() {
        let cases = [
            ("市大数据局", Department::BigData),
            ("区大数据与电子政务服务中心", Department::BigData),
            ("广东省政务服务和数据管理局", Department::BigData),
            ("市政务服务管理局", Department::AdministrativeApproval),
            ("区政务服务中心", Department::AdministrativeApproval),
            ("市工业和信息化局", Department::IndustryIt),
            ("区工业和信息化局", Department::IndustryIt),
            ("市发展改革委", Department::DevelopmentReform),
            ("区发展和改革局", Department::DevelopmentReform),
            ("市住房城乡建设局", Department::HousingConstruction),
            ("市住房城建管理局", Department::HousingConstruction),
            ("市城乡水务局", Department::Water),
            ("市人大常委会办公室", Department::PeoplesCongress),
            ("市政府办公室", Department::GeneralOffice),
            ("市委网信办", Department::Cyberspace),
            ("市教育体育局", Department::Education),
            ("市商务投资促进局", Department::Commerce),
            ("国网某市供电公司", Department::PowerUtility),
            ("中国移动某市分公司", Department::TelecomOperator),
            ("市直相关部门单位", Department::Related),
            ("各县区政府", Department::LowerGovernment),
            ("各县〈市、区〉人民政府", Department::LowerGovernment),
            ("市民政局", Department::CivilAffairs),
            ("市机关事务局", Department::Other),
        ];
        for (name, want) in cases {
            assert_eq!(department_of(name), want, "help: {name} is filed under the wrong department");
        }
    }
}
