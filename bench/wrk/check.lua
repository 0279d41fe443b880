-- wrk script for POST /api/v1/check (bench/run.sh): every request sends the same check request, read once per
-- thread from the file named by the environment variable CHECK_REQUEST (JSON, as the updater sends it).
local path = assert(os.getenv("CHECK_REQUEST"), "CHECK_REQUEST must name the request body file")
local file = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
wrk.headers["Content-Type"] = "application/json"
file:close()
