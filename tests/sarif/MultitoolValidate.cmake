# ctest: Microsoft's SARIF validator (Sarif.Multitool validate) finds no error
# or warning in patless's SARIF: with the SARIF and GitHub rule kinds for a
# local run, and with the Azure DevOps (GHAzDO) kind too for a run inside Azure
# Pipelines. The tool exits 0 whatever it finds: its output log is read.
# -DPATLESS=... -DTOOLS=... -DSOURCE=... -DWORK=...
file(MAKE_DIRECTORY "${WORK}")
set(pipeline_env
    TF_BUILD=True SYSTEM_COLLECTIONURI=https://dev.azure.com/contoso/ SYSTEM_TEAMPROJECT=infra
    SYSTEM_DEFINITIONID=12 BUILD_DEFINITIONNAME=infra-ci SYSTEM_PHASEID=3dc8fd7e-4368-5a92-293e-d53cefc8c4c3
    SYSTEM_PHASENAME=Lint BUILD_SOURCEBRANCH=refs/heads/main BUILD_BUILDID=345)

function(validate name input kinds)  # ARGN: environment for patless
  set(log "${WORK}/${name}.sarif")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env --unset=TF_BUILD ${ARGN}
                          "${PATLESS}" check ${input} --format sarif --output "${log}" --fail-level none
                  WORKING_DIRECTORY "${SOURCE}" RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "patless check ${input} failed (${rc})")
  endif()
  set(out "${log}.validation.sarif")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=1
                          "${TOOLS}/Sarif.Multitool" validate "${log}" --output "${out}" --log ForceOverwrite
                          --rule-kind "${kinds}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
  if(NOT rc EQUAL 0 OR NOT EXISTS "${out}")
    message(FATAL_ERROR "Sarif.Multitool validate ${log} failed (${rc}):\n${stdout}\n${stderr}")
  endif()
  file(READ "${out}" validation)
  string(JSON count ERROR_VARIABLE no_results LENGTH "${validation}" runs 0 results)
  if(no_results OR count EQUAL 0)
    return()
  endif()
  set(problems "")
  math(EXPR last "${count} - 1")
  foreach(i RANGE ${last})
    string(JSON level ERROR_VARIABLE no_level GET "${validation}" runs 0 results ${i} level)
    if(no_level)
      set(level warning)  # SARIF's default level
    endif()
    if(level STREQUAL "error" OR level STREQUAL "warning")
      string(JSON rule GET "${validation}" runs 0 results ${i} ruleId)
      string(JSON text GET "${validation}" runs 0 results ${i} message)
      string(APPEND problems "  ${level} ${rule}: ${text}\n")
    endif()
  endforeach()
  if(problems)
    message(FATAL_ERROR "Sarif.Multitool validate (${kinds}) reports on ${name}:\n${problems}")
  endif()
endfunction()

validate(examples testdata/examples "Sarif;Ghas")
validate(fixtures testdata/rules "Sarif;Ghas")
# Findings in registry modules: related locations in Bicep's cache, outside the repository.
validate(registry testdata/cli/registry_module_restored/repo "Sarif;Ghas"
         HOME=${SOURCE}/testdata/cli/registry_module_restored/home)
validate(examples_in_azure_pipelines testdata/examples "Sarif;Ghas;Ado" ${pipeline_env})
file(REMOVE_RECURSE "${WORK}")
