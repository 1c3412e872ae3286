//! Ids in match results, shared rather than copied: an alignment of a national corpus
//! names the same few hundred thousand tasks in millions of links.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The id of a plan or a task, or a term, as match results hold it: cloning it copies a
/// pointer. It reads as a `str` and compares with one; it serializes as a string.
///
/// # Examples
///
/// ```
/// use cityalign::Id;
///
/// let id = Id::from("jimo-2024#23");
/// let copy = id.clone();
/// assert_eq!(copy, "jimo-2024#23");
/// assert_eq!(copy.split('#').next(), Some("jimo-2024"));
/// assert_eq!(copy.to_string(), String::from("jimo-2024#23"));
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Id(Arc<str>);

impl Id {
    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Id {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Id {
    fn from(id: &str) -> Id {
        Id(Arc::from(id))
    }
}

impl From<String> for Id {
    fn from(id: String) -> Id {
        Id(Arc::from(id))
    }
}

impl From<&String> for Id {
    fn from(id: &String) -> Id {
        Id(Arc::from(id.as_str()))
    }
}

impl From<Id> for String {
    fn from(id: Id) -> String {
        id.0.as_ref().to_string()
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Id {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Id> for str {
    fn eq(&self, other: &Id) -> bool {
        self == &*other.0
    }
}

impl PartialEq<Id> for &str {
    fn eq(&self, other: &Id) -> bool {
        *self == &*other.0
    }
}

impl PartialEq<Id> for String {
    fn eq(&self, other: &Id) -> bool {
        **self == *other.0
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Id, D::Error> {
        String::deserialize(deserializer).map(Id::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_one_string() {
        let id = Id::from("binzhou-2023#28");
        let copy = id.clone();
        assert!(std::ptr::eq(id.as_str(), copy.as_str()));
        assert_eq!(format!("{copy:?}"), "\"binzhou-2023#28\"");
        let mut ids = vec![Id::from("b"), Id::from("a")];
        ids.sort();
        assert_eq!(ids, ["a", "b"]);
        let set: std::collections::HashSet<Id> = [id].into_iter().collect();
        assert!(set.contains("binzhou-2023#28"), "help: looked up by &str");
    }
}
