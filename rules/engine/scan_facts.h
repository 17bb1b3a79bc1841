// What rules need to know of the whole scan when a graph holds only a part of it
// (rules/engine/parts.h). Each fact is one some part may have that changes the
// findings of the others; a part's own graph tells the rest.
#pragma once

#include <string>
#include <vector>

namespace patless {

class Graph;

// The subjects Flux's tokens can carry: the source-controller's, and
// `system:serviceaccount:<namespace>:<name>` of each object-level
// GitRepository (spec.serviceAccountName) in the scan, in each namespace
// kustomize or Flux may put it in. A name or namespace patless cannot know (a
// ${variable}, a patch it cannot read) widens the set: unknown is never reported.
// rules/identity/flux_identity.h finds them.
struct FluxSubjects {
  std::vector<std::string> exact;
  std::vector<std::string> prefixes;  // "system:serviceaccount:<namespace>:": any name there
  bool any = false;
  bool matches(const std::string& subject) const;
  void add(const FluxSubjects& other);
};

struct ScanFacts {
  // A microsoft.flux extension, or an extension that may be one, on a cluster
  // patless cannot tell: it may be the one any cluster has (PL106, as the two below).
  bool flux_extension_on_unknown_cluster = false;
  // An extension that may be Flux's on an `existing` cluster: it may be the one
  // a cluster of unknown name has.
  bool maybe_flux_extension_on_existing_cluster = false;
  // A federated credential whose identity patless cannot tell and that may be
  // Flux's on any cluster (PL401): its subject names flux-system, or its issuer
  // or subject is unknown.
  bool unlinked_credential_may_be_flux = false;
  FluxSubjects subjects;  // PL402-PL404

  // The facts of one part, to be added up over all of them.
  static ScanFacts of(const Graph& part);
  void add(const ScanFacts& other);
};

}  // namespace patless
