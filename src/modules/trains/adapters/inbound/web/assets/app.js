// Junction Trains booking page: plain JavaScript, no dependencies. Talks to identity (/users, /auth/login) and
// trains (/trains/...) over JSON; the access token lives in sessionStorage.
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var state = { token: sessionStorage.getItem('junction.token'), email: sessionStorage.getItem('junction.email'), trip: null, layout: null, selected: [], poll: null };

  function say(text, isError) {
    var s = $('status');
    s.textContent = text || '';
    s.className = isError ? 'error' : '';
  }

  function api(method, path, body, headers) {
    var h = Object.assign({ accept: 'application/json' }, headers || {});
    if (body !== undefined) h['content-type'] = 'application/json';
    if (state.token) h.authorization = 'Bearer ' + state.token;
    return fetch(path, { method: method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) }).then(function (res) {
      return res.text().then(function (text) {
        var data = text ? JSON.parse(text) : null;
        if (!res.ok) {
          if (res.status === 401 && state.token && path.indexOf('/auth/') !== 0) logout();
          var err = new Error((data && (data.detail || data.message || data.error)) || ('HTTP ' + res.status));
          err.status = res.status;
          err.code = data && data.code;
          throw err;
        }
        return data;
      });
    });
  }

  function uuid() {
    return (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));
  }

  // ---- account
  function renderAccount() {
    var logged = Boolean(state.token);
    $('who').textContent = logged ? 'Logged in as ' + state.email : 'Not logged in';
    $('logout').hidden = !logged;
    $('account').hidden = logged;
    $('tickets').hidden = !logged;
    if (logged) loadTickets();
  }

  function logout() {
    state.token = null;
    sessionStorage.removeItem('junction.token');
    renderAccount();
  }

  // Accounts made with a phone number (seed 002's register, /api/user/register) log in with it: /auth/login takes either.
  function isEmail(id) { return id.indexOf('@') >= 0; }

  function login(email, password) {
    var body = isEmail(email) ? { email: email, password: password } : { phone_number: email, password: password };
    return api('POST', '/auth/login', body).then(function (s) {
      state.token = s.access_token;
      state.email = email;
      sessionStorage.setItem('junction.token', s.access_token);
      sessionStorage.setItem('junction.email', email);
      renderAccount();
      say('Logged in.');
      if (state.trip) loadLayout();
    });
  }

  $('register-toggle').addEventListener('click', function () {
    var f = $('register-fields');
    f.hidden = !f.hidden;
    $('login-button').textContent = f.hidden ? 'Log in' : 'Register and log in';
    $('register-toggle').textContent = f.hidden ? 'I am new: register' : 'I have an account';
    $('first-name').required = !f.hidden;
    $('last-name').required = !f.hidden;
  });

  $('login-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var email = $('email').value.trim();
    var password = $('password').value;
    var registering = !$('register-fields').hidden;
    var firstName = $('first-name').value.trim();
    var lastName = $('last-name').value.trim();
    var first = !registering
      ? Promise.resolve()
      : isEmail(email)
        ? api('POST', '/users', { email: email, password: password, first_name: firstName, last_name: lastName }, { 'x-request-id': uuid() })
        : api('POST', '/api/user/register', { name: (firstName + ' ' + lastName).trim(), phone_number: email, password: password }, { 'x-request-id': uuid() });
    first.then(function () { return login(email, password); }).catch(function (err) { say(err.message, true); });
  });

  $('logout').addEventListener('click', function () { logout(); say('Logged out.'); });

  // ---- search
  function loadStations() {
    return api('GET', '/trains/stations').then(function (stations) {
      ['from', 'to'].forEach(function (id, i) {
        var sel = $(id);
        sel.innerHTML = '';
        stations.forEach(function (s) {
          var o = document.createElement('option');
          o.value = s.name;
          o.textContent = s.name;
          sel.appendChild(o);
        });
        sel.value = stations[i === 0 ? 0 : Math.min(1, stations.length - 1)].name;
      });
    });
  }

  $('search-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var q = '?from=' + encodeURIComponent($('from').value) + '&to=' + encodeURIComponent($('to').value) + '&date=' + encodeURIComponent($('date').value);
    api('GET', '/trains/search' + q).then(function (trips) {
      var list = $('trips');
      list.innerHTML = '';
      if (trips.length === 0) say('No trains on that day between these stations.');
      else say(trips.length + ' train(s) found.');
      trips.forEach(function (t) {
        var li = document.createElement('li');
        var text = document.createElement('span');
        text.textContent = t.train_name + ' — departs ' + t.departure_time + ', arrives ' + t.arrival_time + ' · ' + t.seats_left + ' seats left · from ' + t.price_from + ' ' + t.currency;
        var b = document.createElement('button');
        b.type = 'button';
        b.textContent = 'Choose seats';
        b.setAttribute('aria-label', 'Choose seats on ' + t.train_name + ' at ' + t.departure_time);
        b.addEventListener('click', function () { openTrip(t); });
        li.appendChild(text);
        li.appendChild(b);
        list.appendChild(li);
      });
    }).catch(function (err) { say(err.message, true); });
  });

  // ---- seat map
  function openTrip(t) {
    state.trip = t;
    state.selected = [];
    $('seats').hidden = false;
    $('trip-title').textContent = t.train_name + ', ' + t.from + ' → ' + t.to + ', ' + t.date + ' at ' + t.departure_time;
    loadLayout().then(function () { $('seats-h').scrollIntoView(); });
    if (state.poll) clearInterval(state.poll);
    state.poll = setInterval(loadLayout, 3000);
  }

  function loadLayout() {
    if (!state.trip) return Promise.resolve();
    return api('GET', '/trains/trips/' + encodeURIComponent(state.trip.trip_id) + '/layout').then(function (layout) {
      state.layout = layout;
      renderSeats();
    }).catch(function (err) { say(err.message, true); });
  }

  function renderSeats() {
    var layout = state.layout;
    var focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.seat : null;
    var box = $('coaches');
    box.innerHTML = '';
    var mine = [];
    layout.coaches.forEach(function (c) {
      var div = document.createElement('div');
      div.className = 'coach';
      var h = document.createElement('h3');
      h.textContent = 'Coach ' + c.coach + ' · ' + c.class + ' · ' + c.price + ' ' + layout.currency;
      div.appendChild(h);
      var grid = document.createElement('div');
      grid.className = 'seatgrid';
      grid.setAttribute('role', 'group');
      grid.setAttribute('aria-label', 'Coach ' + c.coach + ' seats');
      grid.style.gridTemplateColumns = 'repeat(' + c.seats_per_row + ', auto)';
      c.seats.forEach(function (s) {
        if (s.status === 'held_by_you') mine.push(s);
        var b = document.createElement('button');
        b.type = 'button';
        b.className = 'seat ' + s.status;
        b.dataset.seat = s.seat;
        b.textContent = s.seat;
        var selected = state.selected.indexOf(s.seat) >= 0;
        if (s.status === 'free' || s.status === 'held_by_you') b.setAttribute('aria-pressed', String(selected));
        else b.disabled = true;
        b.setAttribute('aria-label', 'Seat ' + s.seat + ', ' + c.class + ', ' + s.price + ' ' + layout.currency + ', ' + s.status.replace(/_/g, ' ') + (selected ? ', selected' : ''));
        b.addEventListener('click', function () { toggle(s.seat); });
        grid.appendChild(b);
      });
      div.appendChild(grid);
      box.appendChild(div);
    });
    state.selected = state.selected.filter(function (id) {
      return layout.coaches.some(function (c) { return c.seats.some(function (s) { return s.seat === id && (s.status === 'free' || s.status === 'held_by_you'); }); });
    });
    $('selection').textContent = state.selected.length ? 'Selected: ' + state.selected.join(', ') : 'No seats selected.';
    $('hold-button').disabled = state.selected.length === 0;
    if (mine.length) {
      var total = mine.reduce(function (n, s) { return n + s.price; }, 0);
      var until = new Date(mine[0].hold_expires_at);
      $('holds').textContent = 'You hold ' + mine.map(function (s) { return s.seat; }).join(', ') + ' until ' + until.toLocaleTimeString() + '. Total ' + total + ' ' + layout.currency + '.';
      $('pay-form').hidden = false;
    } else {
      $('holds').textContent = '';
      $('pay-form').hidden = true;
    }
    if (focused) {
      var again = box.querySelector('[data-seat="' + focused + '"]');
      if (again) again.focus();
    }
  }

  function toggle(seat) {
    var i = state.selected.indexOf(seat);
    if (i >= 0) state.selected.splice(i, 1);
    else state.selected.push(seat);
    renderSeats();
  }

  $('hold-button').addEventListener('click', function () {
    if (!state.token) { say('Log in first to hold seats.', true); $('email').focus(); return; }
    api('POST', '/trains/trips/' + encodeURIComponent(state.trip.trip_id) + '/holds', { seats: state.selected }).then(function (h) {
      say('Held ' + h.seats.join(', ') + ' until ' + new Date(h.expires_at).toLocaleTimeString() + '. Pay to get your tickets.');
      state.selected = [];
      return loadLayout();
    }).then(function () { $('card').focus(); }).catch(function (err) { say(err.message, true); loadLayout(); });
  });

  $('pay-form').addEventListener('submit', function (e) {
    e.preventDefault();
    var seats = [];
    state.layout.coaches.forEach(function (c) { c.seats.forEach(function (s) { if (s.status === 'held_by_you') seats.push(s.seat); }); });
    $('pay-button').disabled = true;
    api('POST', '/trains/purchases', { trip_id: state.trip.trip_id, seats: seats, payment: { card_number: $('card').value } }, { 'idempotency-key': uuid() })
      .then(function (p) {
        say('Paid ' + p.amount + ' ' + p.currency + '. Your tickets: ' + p.tickets.map(function (t) { return t.seat; }).join(', ') + '.');
        loadTickets();
        return loadLayout();
      })
      .catch(function (err) { say(err.message + (err.status === 402 ? ' Your seats stay held; try another card.' : ''), true); })
      .then(function () { $('pay-button').disabled = false; });
  });

  // ---- tickets
  function loadTickets() {
    return api('GET', '/trains/tickets').then(function (tickets) {
      var list = $('ticket-list');
      list.innerHTML = '';
      if (tickets.length === 0) list.innerHTML = '<li>No tickets yet.</li>';
      tickets.forEach(function (t) {
        var li = document.createElement('li');
        li.className = 'ticket';
        li.textContent = 'Trip ' + t.trip_id + ' · seat ' + t.seat + ' · ' + t.price + ' · ' + t.status + ' ';
        if (t.status === 'active') {
          var b = document.createElement('button');
          b.type = 'button';
          b.className = 'secondary';
          b.textContent = 'Cancel';
          b.setAttribute('aria-label', 'Cancel ticket for seat ' + t.seat + ' on trip ' + t.trip_id);
          b.addEventListener('click', function () {
            api('DELETE', '/trains/tickets/' + t.ticket_id).then(function () { say('Ticket cancelled.'); loadTickets(); loadLayout(); }).catch(function (err) { say(err.message, true); });
          });
          li.appendChild(b);
        }
        list.appendChild(li);
      });
    }).catch(function (err) { say(err.message, true); });
  }

  var tomorrow = new Date(Date.now() + 86400000);
  $('date').value = tomorrow.toISOString().slice(0, 10);
  $('date').min = new Date().toISOString().slice(0, 10);
  renderAccount();
  loadStations().catch(function (err) { say(err.message, true); });
})();
