# Provides the static library `tree_sitter_bicep` built from the npm package
# tree-sitter-bicep@1.1.0. The package is fetched with `npm pack` into the build
# tree at configure time and verified against its pinned sha512 integrity, so no
# generated grammar code ever lives in this repository.
# -DPATLESS_BICEP_GRAMMAR_DIR=<dir> uses an already-unpacked copy instead
# (the directory that holds src/parser.c).

set(PATLESS_BICEP_GRAMMAR_VERSION "1.1.0")
# npm integrity sha512-TBEuZy+0QlXN9oXTuzkgQTvMv8UFC2gNqkZNEdC51srhC6JeZhpEv0hcXtt0i+FE/XirZCy89bw3/orJYChyQA==
# is base64 of this digest; CMake's file(SHA512) gives hex, so the hex form is pinned.
set(PATLESS_BICEP_GRAMMAR_SHA512
    "4c112e672fb44255cdf685d3bb3920413bccbfc5050b680daa464d11d0b9d6cae10ba25e661a44bf485c5edb748be144fd78ab642cbcf5bc37fe8ac960287240")
set(PATLESS_BICEP_GRAMMAR_DIR "" CACHE PATH
    "Unpacked tree-sitter-bicep package (holding src/parser.c); empty = fetch with npm pack")

if(PATLESS_BICEP_GRAMMAR_DIR)
  set(_grammar_dir "${PATLESS_BICEP_GRAMMAR_DIR}")
else()
  set(_fetch_dir "${CMAKE_BINARY_DIR}/_deps/tree-sitter-bicep")
  set(_tarball "${_fetch_dir}/tree-sitter-bicep-${PATLESS_BICEP_GRAMMAR_VERSION}.tgz")
  set(_grammar_dir "${_fetch_dir}/package")
  if(NOT EXISTS "${_grammar_dir}/src/parser.c")
    file(MAKE_DIRECTORY "${_fetch_dir}")
    find_program(NPM_EXECUTABLE npm REQUIRED)
    message(STATUS "Fetching tree-sitter-bicep@${PATLESS_BICEP_GRAMMAR_VERSION} with npm pack")
    execute_process(
      COMMAND "${NPM_EXECUTABLE}" pack "tree-sitter-bicep@${PATLESS_BICEP_GRAMMAR_VERSION}" --silent
      WORKING_DIRECTORY "${_fetch_dir}"
      RESULT_VARIABLE _npm_result
      OUTPUT_QUIET)
    if(NOT _npm_result EQUAL 0 OR NOT EXISTS "${_tarball}")
      message(FATAL_ERROR "npm pack tree-sitter-bicep@${PATLESS_BICEP_GRAMMAR_VERSION} failed; "
                          "pass -DPATLESS_BICEP_GRAMMAR_DIR=<unpacked package> to build offline")
    endif()
    file(SHA512 "${_tarball}" _digest)
    if(NOT _digest STREQUAL PATLESS_BICEP_GRAMMAR_SHA512)
      file(REMOVE "${_tarball}")
      message(FATAL_ERROR "tree-sitter-bicep tarball integrity mismatch: sha512 ${_digest}")
    endif()
    file(ARCHIVE_EXTRACT INPUT "${_tarball}" DESTINATION "${_fetch_dir}"
         PATTERNS package/src package/LICENSE)
  endif()
endif()

if(NOT EXISTS "${_grammar_dir}/src/parser.c")
  message(FATAL_ERROR "No tree-sitter-bicep grammar at ${_grammar_dir}/src/parser.c")
endif()

# The package's external scanner is called through ours (bicep_scanner.h), which
# takes its exported name.
add_library(tree_sitter_bicep STATIC "${_grammar_dir}/src/parser.c" "${_grammar_dir}/src/scanner.c"
                                     "${CMAKE_CURRENT_LIST_DIR}/bicep_scanner.c")
set_source_files_properties("${_grammar_dir}/src/scanner.c" PROPERTIES
  COMPILE_DEFINITIONS "tree_sitter_bicep_external_scanner_scan=patless_upstream_bicep_scan")
target_include_directories(tree_sitter_bicep PRIVATE "${_grammar_dir}/src")
set_target_properties(tree_sitter_bicep PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
# Generated code: not ours to warn about.
target_compile_options(tree_sitter_bicep PRIVATE -w)
