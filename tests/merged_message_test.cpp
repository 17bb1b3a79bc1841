// The message of a finding that stands for several (rules/engine/merged_message.h).
#include "rules/engine/merged_message.h"

#include <catch2/catch.hpp>

using patless::merged_message;

TEST_CASE("a merged finding's message names what the others name", "[merged_message]") {
  const std::string first = "AKS cluster 'aks-0' does not set properties.oidcIssuerProfile.enabled.";
  CHECK(merged_message(first, {"AKS cluster 'aks-1' does not set properties.oidcIssuerProfile.enabled."}) ==
        "AKS cluster 'aks-0' (also 'aks-1') does not set properties.oidcIssuerProfile.enabled.");
  CHECK(merged_message(first, {"AKS cluster 'aks-1' does not set properties.oidcIssuerProfile.enabled.",
                               "AKS cluster 'aks-2' does not set properties.oidcIssuerProfile.enabled.", first,
                               "AKS cluster 'aks-1' does not set properties.oidcIssuerProfile.enabled."}) ==
        "AKS cluster 'aks-0' (also 'aks-1' and 'aks-2') does not set properties.oidcIssuerProfile.enabled.");
  // Words unlike from their first character, an empty one, and words that end alike.
  CHECK(merged_message("cluster 'dev' fails", {"cluster 'prod' fails", "cluster '' fails"}) ==
        "cluster 'dev' (also 'prod' and '') fails");
  CHECK(merged_message("cluster '' fails", {"cluster 'x' fails"}) == "cluster '' (also 'x') fails");
  CHECK(merged_message("cluster 'a-aks' fails", {"cluster 'b-aks' fails"}) == "cluster 'a-aks' (also 'b-aks') fails");
  // An apostrophe is no quote: "cluster's" neither opens nor closes a word.
  CHECK(merged_message("the cluster's issuer of 'aks-0' is off", {"the cluster's issuer of 'aks-1' is off"}) ==
        "the cluster's issuer of 'aks-0' (also 'aks-1') is off");
  CHECK(merged_message("(in 'aks-0')", {"(in 'aks-1')"}) == "(in 'aks-0' (also 'aks-1'))");
}

TEST_CASE("more than five words are counted", "[merged_message]") {
  std::vector<std::string> others;
  for (char c = 'b'; c <= 'h'; ++c) others.push_back(std::string("cluster '") + c + "' fails");
  CHECK(merged_message("cluster 'a' fails", others) == "cluster 'a' (also 'b', 'c', 'd', 'e', 'f' and 2 more) fails");
}

TEST_CASE("a message that differs in more than one quoted word stays as it is", "[merged_message]") {
  const std::string first = "cluster 'aks-0' reads provider 'Generic'";
  // Two words apart.
  CHECK(merged_message(first, {"cluster 'aks-1' reads provider 'GitHub'"}) == first);
  // Each other message one word apart, but not the same word.
  CHECK(merged_message(first, {"cluster 'aks-1' reads provider 'Generic'", "cluster 'aks-0' reads provider 'x'"}) ==
        first);
  // Apart outside quotes, or in a word and after it.
  CHECK(merged_message("version 1.2 is old", {"version 1.3 is old"}) == "version 1.2 is old");
  CHECK(merged_message("cluster 'a' fails", {"cluster 'b' fails twice"}) == "cluster 'a' fails");
  CHECK(merged_message("cluster 'a' fails", {"cluster 'a' passes"}) == "cluster 'a' fails");
  // A word that only an apostrophe would open, or whose closing quote a letter follows.
  CHECK(merged_message("it's a fails", {"it's b fails"}) == "it's a fails");
  CHECK(merged_message("x 'a'b", {"x 'c'b"}) == "x 'a'b");
  CHECK(merged_message("", {"x"}) == "");
  CHECK(merged_message("same", {"same"}) == "same");
}
