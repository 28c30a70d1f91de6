-- wrk script of tools/bench/run. The request comes from environment variables, so one
-- script serves every path:
--   BENCH_METHOD        GET (default) or POST
--   BENCH_BODY_FILE     the body of every request
--   BENCH_CONTENT_TYPE  its Content-Type
--   BENCH_PATHS_FILE    request paths, one per line, used in turn (each thread from its
--                       own starting line)
--   BENCH_EXPECT        text every right answer contains; answers without it are errors
--   BENCH_MAX_REQUESTS  bound on answers per thread; a thread stops after that many
-- done() prints one line "BENCH_JSON {...}": requests, errors by kind, latency percentiles.

local function read_file(path)
    local f = assert(io.open(path, "rb"))
    local text = f:read("*a")
    f:close()
    return text
end

local threads = {}
local counter = 0

function setup(thread)
    counter = counter + 1
    thread:set("thread_index", counter)
    table.insert(threads, thread)
end

wrk.method = os.getenv("BENCH_METHOD") or "GET"
local body_file = os.getenv("BENCH_BODY_FILE")
if body_file and body_file ~= "" then
    wrk.body = read_file(body_file)
end
local content_type = os.getenv("BENCH_CONTENT_TYPE")
if content_type and content_type ~= "" then
    wrk.headers["Content-Type"] = content_type
end

local expect = os.getenv("BENCH_EXPECT")
if expect == "" then expect = nil end
local max_requests = tonumber(os.getenv("BENCH_MAX_REQUESTS") or "") or 1000000000

local paths_file = os.getenv("BENCH_PATHS_FILE")
if paths_file and paths_file ~= "" then
    local requests = {}
    local next_index = 1
    function init(args)
        for line in io.lines(paths_file) do
            if line ~= "" then
                table.insert(requests, wrk.format(nil, line))
            end
        end
        -- Threads start at different lines so they do not walk the same rows in step.
        next_index = ((thread_index or 1) - 1) * 7919 % #requests + 1
    end
    function request()
        local r = requests[next_index]
        next_index = next_index % #requests + 1
        return r
    end
end

answers = 0
wrong = 0
first_wrong = ""

function response(status, headers, body)
    answers = answers + 1
    if expect and status >= 200 and status < 300 and not string.find(body, expect, 1, true) then
        wrong = wrong + 1
        if first_wrong == "" then first_wrong = string.sub(body, 1, 300) end
    end
    if answers >= max_requests then
        wrk.thread:stop()
    end
end

local function json_string(s)
    s = string.gsub(s, '[%c"\\]', function(c)
        return string.format("\\u%04x", string.byte(c))
    end)
    return '"' .. s .. '"'
end

function done(summary, latency, requests)
    local wrong_total, first = 0, ""
    for _, t in ipairs(threads) do
        wrong_total = wrong_total + (t:get("wrong") or 0)
        local f = t:get("first_wrong") or ""
        if first == "" and f ~= "" then first = f end
    end
    local e = summary.errors
    local us = function(p) return latency:percentile(p) / 1000.0 end
    io.write(string.format(
        'BENCH_JSON {"tool":"wrk","requests":%d,"duration_s":%.3f,"bytes":%d,' ..
        '"error_kinds":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"body":%d},' ..
        '"latency_ms":{"p50":%.3f,"p90":%.3f,"p99":%.3f,"p999":%.3f,"max":%.3f,"mean":%.3f},' ..
        '"first_failure":%s}\n',
        summary.requests, summary.duration / 1e6, summary.bytes,
        e.connect, e.read, e.write, e.status, e.timeout, wrong_total,
        us(50), us(90), us(99), us(99.9), latency.max / 1000.0, latency.mean / 1000.0,
        json_string(first)))
end
