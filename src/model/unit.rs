use std::fmt;

use serde::{Deserialize, Serialize};

use super::Span;

/// The part a unit plays in a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// 牵头单位, or "…牵头".
    Lead,
    /// 责任单位 / 责任部门.
    Responsible,
    /// 配合单位, 协办单位, 参与单位, or "…配合".
    Cooperating,
    /// One of several that "分工负责" / "共同负责".
    Shared,
    /// The one unit that "…负责".
    Sole,
    /// The unit that carries the work out: "…具体实施", "…组织实施".
    Implementing,
    /// The unit that guides or supervises: "…指导", "…督导".
    Guiding,
}

/// A canonical kind of department, so that the same office can be compared across cities
/// (市大数据局 and 区大数据与电子政务服务中心 are both [`Department::BigData`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
#[allow(missing_docs)] // the variants are named by what the offices do
pub enum Department {
    BigData,
    IndustryIt,
    DevelopmentReform,
    HousingConstruction,
    PublicSecurity,
    CivilAffairs,
    Education,
    Health,
    MedicalInsurance,
    HumanResources,
    Finance,
    Agriculture,
    Transport,
    CultureTourism,
    Sports,
    AdministrativeApproval,
    MarketRegulation,
    NaturalResources,
    EcologyEnvironment,
    Emergency,
    Water,
    Cyberspace,
    ScienceTechnology,
    Commerce,
    GeneralOffice,
    Justice,
    Statistics,
    Audit,
    UrbanManagement,
    PoliticalLegal,
    Organization,
    Publicity,
    UnitedFront,
    Staffing,
    StateAssets,
    FinancialRegulation,
    Ocean,
    Cryptography,
    Discipline,
    Investment,
    SocialGovernance,
    PowerUtility,
    TelecomOperator,
    PeoplesCongress,
    PoliticalConsultative,
    MassOrganization,
    LowerGovernment,
    Related,
    Other,
}

impl Department {
    /// The kebab-case key, as serialized: `"big-data"`, `"industry-it"`…
    pub fn key(&self) -> &'static str {
        use Department::*;
        match self {
            BigData => "big-data",
            IndustryIt => "industry-it",
            DevelopmentReform => "development-reform",
            HousingConstruction => "housing-construction",
            PublicSecurity => "public-security",
            CivilAffairs => "civil-affairs",
            Education => "education",
            Health => "health",
            MedicalInsurance => "medical-insurance",
            HumanResources => "human-resources",
            Finance => "finance",
            Agriculture => "agriculture",
            Transport => "transport",
            CultureTourism => "culture-tourism",
            Sports => "sports",
            AdministrativeApproval => "administrative-approval",
            MarketRegulation => "market-regulation",
            NaturalResources => "natural-resources",
            EcologyEnvironment => "ecology-environment",
            Emergency => "emergency",
            Water => "water",
            Cyberspace => "cyberspace",
            ScienceTechnology => "science-technology",
            Commerce => "commerce",
            GeneralOffice => "general-office",
            Justice => "justice",
            Statistics => "statistics",
            Audit => "audit",
            UrbanManagement => "urban-management",
            PoliticalLegal => "political-legal",
            Organization => "organization",
            Publicity => "publicity",
            UnitedFront => "united-front",
            Staffing => "staffing",
            StateAssets => "state-assets",
            FinancialRegulation => "financial-regulation",
            Ocean => "ocean",
            Cryptography => "cryptography",
            Discipline => "discipline",
            Investment => "investment",
            SocialGovernance => "social-governance",
            PowerUtility => "power-utility",
            TelecomOperator => "telecom-operator",
            PeoplesCongress => "peoples-congress",
            PoliticalConsultative => "political-consultative",
            MassOrganization => "mass-organization",
            LowerGovernment => "lower-government",
            Related => "related",
            Other => "other",
        }
    }
}

impl fmt::Display for Department {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A unit (department, office, company or lower government) named responsible for a task.
///
/// # Examples
///
/// ```
/// use cityalign::{Department, Plan, Role};
///
/// let plan = Plan::parse("一、主要任务\n1.推进工作。(责任单位:区发展和改革局、工业和信息化局)\n").unwrap();
/// let units = &plan.tasks[0].units;
/// assert_eq!(units[1].name, "区工业和信息化局", "the elided 区 is restored");
/// assert_eq!((units[1].role, units[1].department), (Role::Responsible, Department::IndustryIt));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Unit {
    /// The name, with a prefix elided by its list restored ("区发展和改革局、工业和信息化局"
    /// gives 区工业和信息化局); the span shows it as written.
    pub name: String,
    /// The part it plays.
    pub role: Role,
    /// Its canonical kind.
    pub department: Department,
    /// Where it is written in the source.
    pub span: Span,
}

impl fmt::Display for Role {
    /// The role as plans word it: 牵头, 责任, 配合, 分工负责, 负责, 具体实施, 指导.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::Lead => "牵头",
            Role::Responsible => "责任",
            Role::Cooperating => "配合",
            Role::Shared => "分工负责",
            Role::Sole => "负责",
            Role::Implementing => "具体实施",
            Role::Guiding => "指导",
        })
    }
}

impl fmt::Display for Unit {
    /// Writes the unit with its role: "市大数据局(牵头)".
    ///
    /// ```
    /// let plan = cityalign::Plan::parse("一、任务\n1.建设。(牵头单位:市大数据局)\n").unwrap();
    /// assert_eq!(plan.tasks[0].units[0].to_string(), "市大数据局(牵头)");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.name, self.role)
    }
}
