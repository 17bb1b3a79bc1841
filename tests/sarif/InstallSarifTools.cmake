# cmake -DDEST=<dir> -P InstallSarifTools.cmake
# Brings the SARIF 2.1.0 schema and Microsoft's SARIF validator (sarif-2.1.0.json
# and Sarif.Multitool inside the npm package @microsoft/sarif-multitool-linux)
# and a draft 2020-12 schema validator (ajv) into DEST.
set(MULTITOOL "@microsoft/sarif-multitool-linux@5.7.0")
if(EXISTS "${DEST}/sarif-2.1.0.json" AND EXISTS "${DEST}/node_modules/ajv/dist/2020.js"
   AND EXISTS "${DEST}/Sarif.Multitool")
  return()
endif()
file(MAKE_DIRECTORY "${DEST}")
find_program(NPM npm REQUIRED)
execute_process(COMMAND "${NPM}" pack "${MULTITOOL}" --silent
                WORKING_DIRECTORY "${DEST}" OUTPUT_VARIABLE tarball OUTPUT_STRIP_TRAILING_WHITESPACE
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "npm pack ${MULTITOOL} failed")
endif()
file(ARCHIVE_EXTRACT INPUT "${DEST}/${tarball}" DESTINATION "${DEST}"
     PATTERNS package/sarif-2.1.0.json package/Sarif.Multitool)
file(RENAME "${DEST}/package/sarif-2.1.0.json" "${DEST}/sarif-2.1.0.json")
file(RENAME "${DEST}/package/Sarif.Multitool" "${DEST}/Sarif.Multitool")
file(CHMOD "${DEST}/Sarif.Multitool" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
     WORLD_READ WORLD_EXECUTE)
file(REMOVE "${DEST}/${tarball}")
execute_process(COMMAND "${NPM}" install --silent --no-audit --no-fund --prefix "${DEST}" ajv@8.17.1 ajv-formats@3.0.1
                RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "npm install ajv failed")
endif()
