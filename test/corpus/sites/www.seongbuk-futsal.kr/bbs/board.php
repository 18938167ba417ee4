<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>[필독] 상품권 현금화 유의사항 &gt; 자유게시판 | 성북 토요풋살</title>
<meta name="description" content="상품권 현금화 유의사항">
<meta name="keywords" content="상품권현금화,소액결제현금화,정보이용료현금화">
<meta property="og:type" content="article">
<style>body{margin:0;font-family:'Malgun Gothic',dotum,sans-serif;font-size:13px;color:#333;background:#fff}#hd{background:#2b3a4a;color:#fff;padding:14px 4%}#hd a{color:#fff;text-decoration:none}#gnb{background:#34495e;padding:8px 4%}#gnb a{color:#dfe6ec;margin-right:18px;text-decoration:none}#container{max-width:980px;margin:20px auto}#bo_v_title{font-size:19px;border-bottom:2px solid #2b3a4a;padding-bottom:10px}#bo_v_info{color:#777;font-size:12px;margin:8px 0 16px}#bo_v_con{line-height:1.9;font-size:14px;min-height:200px}.tbl_head01 table{width:100%;border-collapse:collapse;margin-top:30px}.tbl_head01 th,.tbl_head01 td{border-bottom:1px solid #e5e5e5;padding:7px;text-align:left}#ft{background:#f3f3f3;color:#777;padding:18px 4%;margin-top:40px;font-size:12px}#bo_vc{margin-top:24px;border-top:1px solid #ddd}#bo_vc article{border-bottom:1px dotted #ddd;padding:8px 0}</style>
</head>
<body>
<div id="hd"><h1 style="margin:0;font-size:20px"><a href="/">성북 토요풋살</a></h1></div>
<div id="gnb"><a href="/about">클럽소개</a><a href="/bbs/board.php?bo_table=match">경기일정</a><a href="/bbs/board.php?bo_table=free">자유게시판</a></div>
<div id="container">
<h2 style="font-size:14px;color:#888">자유게시판</h2>
<article id="bo_v">
<header><h2 id="bo_v_title"><span class="bo_v_tit">[필독] 상품권 현금화 유의사항</span></h2></header>
<section id="bo_v_info"><h2 class="sound_only">페이지 정보</h2>작성자 <span class="sv_member">gift7979</span> &nbsp; 작성일 25-06-11 05:02 &nbsp; 조회 64회 &nbsp; 댓글 0건</section>
<section id="bo_v_atc"><h2 class="sound_only">본문</h2>
<div id="bo_v_con">
<p>◈ 상품권 현금화 유의사항 ◈ ㅋr톡 【 gift7979 】</p>
<p>문화상품권 / 구글기프트카드 / 해피머니 / 북앤라이프 전 품목 매입합니다.</p>
<p>▶ 유의사항 1. 핀번호 중복 등록된 상품권은 매입 불가<br>▶ 유의사항 2. 타인 명의 결제 상품권은 진행 불가 (본인 명의만)<br>▶ 유의사항 3. 입금은 확인 즉시 5분 내 처리<br>▶ 유의사항 4. 주말·공휴일·새벽 상관없이 24시간 상담 가능</p>
<p>소액결제로 구매한 상품권도 OK / 정보이용료 가능 / 신용 무관</p>
<p>상담: ㅋr톡 gift7979 · 탤ㄹH @gift7979</p>
</div></section>

</article>
<div class="tbl_head01"><table><caption style="text-align:left;font-weight:bold">자유게시판 목록</caption><thead><tr><th>번호</th><th>제목</th><th>글쓴이</th><th>날짜</th></tr></thead><tbody><tr><td>3410</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=3410">일요일 오전 풋살 인원 모집 (6/15)</a></td><td>주장</td><td>2025-06-11</td></tr><tr><td>3409</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=3409">[필독] 상품권 현금화 유의사항</a></td><td>gift7979</td><td>2025-06-11</td></tr><tr><td>3408</td><td><a href="/bbs/board.php?bo_table=free&amp;wr_id=3408">유니폼 사이즈 조사</a></td><td>총무</td><td>2025-06-05</td></tr></tbody></table></div>
</div>
<div id="ft">성북 토요풋살 클럽 · 매주 토요일 오전 · 문의는 게시판으로</div>
</body>
</html>
