// Kubernetes label selectors as kustomize matches patch targets (apimachinery's
// labels.Parse and Requirement.Matches).
#include "rules/engine/label_selector.h"

#include <catch2/catch.hpp>

namespace {

patless::Value labels(std::initializer_list<std::pair<const char*, const char*>> pairs) {
  patless::Value v;
  v.kind = patless::Value::Kind::Object;
  for (const auto& [k, text] : pairs) {
    patless::Member m;
    m.key = k;
    m.value.kind = patless::Value::Kind::String;
    m.value.text = text;
    v.members.push_back(std::move(m));
  }
  return v;
}

}  // namespace

TEST_CASE("label selectors select as Kubernetes does", "[label_selector]") {
  using patless::selector_matches;
  const patless::Value set = labels({{"app", "web"}, {"tier", "front"}, {"replicas", "3"}, {"empty", ""}});
  struct Case {
    const char* selector;
    bool selects;
  };
  for (const Case& c : std::initializer_list<Case>{
           {"", true},
           {"app=web", true},
           {"app==web", true},
           {" app = web , tier = front ", true},
           {"app=db", false},
           {"app!=db", true},
           {"app!=web", false},
           {"missing!=x", true},  // != and notin hold where the key is absent
           {"app in (db, web)", true},
           {"app in (db)", false},
           {"app notin (db,cache)", true},
           {"missing notin (x)", true},
           {"app", true},
           {"missing", false},
           {"!missing", true},
           {"!app", false},
           {"replicas>2", true},
           {"replicas<3", false},
           {"app>2", false},  // not a number
           {"empty=", true},
           {"empty in ()", true},  // `()` is the set of the empty value
           {"app in ()", false},
           {"app=web,missing", false},
           {"app.kubernetes.io/part-of=flux", false},
           // Not a selector (kustomize refuses the build): taken to select.
           {"app in web", true},
           {"app=(", true},
           {"=web", true},
           {"app=web,", true},
       }) {
    INFO(c.selector);
    CHECK(selector_matches(c.selector, &set) == c.selects);
  }
  CHECK(!selector_matches("app=web", nullptr));
  CHECK(selector_matches("!app", nullptr));
}
